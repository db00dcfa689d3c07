#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "../internal/exec.h"
#include "newlib_layer.h"

/* Where execvp looks when PATH is not set (glibc's choice). */
#define DEFAULT_PATH "/bin:/usr/bin"
#define MAX_LIST_ARGS 4096

int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

int execvpe(const char *file, char *const argv[], char *const envp[])
{
    const char *search = getenv("PATH");
    return (int)astra_newlib_ret(astra_exec_search(file, search ? search : DEFAULT_PATH, argv, envp, 1));
}

int execvp(const char *file, char *const argv[]) { return execvpe(file, argv, environ); }

/* The argument lists of execl, execle and execlp, up to their NULL, into argv; with envp set,
 * the pointer after the NULL goes there. -E2BIG when they do not fit. */
static int list_args(char **argv, const char *arg0, va_list ap, char ***envp)
{
    int n = 0;
    for (const char *a = arg0; a; a = va_arg(ap, const char *)) {
        if (n == MAX_LIST_ARGS - 1)
            return -ASTRA_E2BIG;
        argv[n++] = (char *)a;
    }
    argv[n] = 0;
    if (envp)
        *envp = va_arg(ap, char **);
    return 0;
}

#define EXEC_LIST(call, with_env)                                  \
    char *argv[MAX_LIST_ARGS];                                     \
    char **envp = environ;                                         \
    va_list ap;                                                    \
    va_start(ap, arg0);                                            \
    int bad = list_args(argv, arg0, ap, with_env ? &envp : 0);     \
    va_end(ap);                                                    \
    if (bad)                                                       \
        return (int)astra_newlib_ret(bad);                         \
    return call

int execl(const char *path, const char *arg0, ...) { EXEC_LIST(execve(path, argv, envp), 0); }
int execle(const char *path, const char *arg0, ...) { EXEC_LIST(execve(path, argv, envp), 1); }
int execlp(const char *file, const char *arg0, ...) { EXEC_LIST(execvpe(file, argv, envp), 0); }
