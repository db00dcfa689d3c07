#include "../../internal/exec.h"
#include "../internal/libc.h"

int execve(const char *path, char *const argv[], char *const envp[])
{
    return (int)astra_libc_ret(SYS3(execve, path, argv, envp));
}

int execv(const char *path, char *const argv[]) { return execve(path, argv, __environ); }

/* PATH from the environment, else the default of glibc and musl. */
int execvp(const char *file, char *const argv[])
{
    if (!*file)
        return (int)astra_libc_ret(-ENOENT);
    const char *path = getenv("PATH");
    return (int)astra_libc_ret(astra_exec_search(file, path ? path : "/usr/local/bin:/bin:/usr/bin", argv,
                                                 __environ, 1));
}
