#include "../internal/exec.h"
#include "../internal/syscall.h"

#define PATH_BUF 4096
#define SHELL "/bin/sh"

/* A file that is no program the kernel knows (no ELF, no #!) goes to the shell as a script:
 * sh name args... in place of name args... */
static long exec_as_script(const char *path, char *const argv[], char *const envp[])
{
    size_t argc = 0;
    while (argv && argv[argc])
        argc++;
    if (argc > 1 << 16)
        return -ASTRA_E2BIG;
    char *sh_argv[argc + 3];
    sh_argv[0] = "sh";
    sh_argv[1] = (char *)path;
    for (size_t i = 1; i < argc; i++)
        sh_argv[i + 1] = argv[i];
    sh_argv[argc > 0 ? argc + 1 : 2] = 0;
    return astra_syscall3(ASTRA_NR_execve, (long)SHELL, (long)sh_argv, (long)envp);
}

static long exec_one(const char *path, char *const argv[], char *const envp[], int shell_fallback)
{
    long r = astra_syscall3(ASTRA_NR_execve, (long)path, (long)argv, (long)envp);
    if (r == -ASTRA_ENOEXEC && shell_fallback) {
        long s = exec_as_script(path, argv, envp);
        return s == -ASTRA_ENOENT ? r : s;
    }
    return r;
}

long astra_exec_search(const char *name, const char *search, char *const argv[], char *const envp[],
                       int shell_fallback)
{
    size_t nlen = 0;
    int has_slash = 0;
    while (name[nlen])
        has_slash |= name[nlen++] == '/';
    if (!nlen)
        return -ASTRA_ENOENT;
    if (!search || has_slash)
        return exec_one(name, argv, envp, shell_fallback);
    char buf[PATH_BUF];
    long err = -ASTRA_ENOENT;
    for (const char *d = search;; d++) {
        const char *end = d;
        while (*end && *end != ':')
            end++;
        size_t dlen = (size_t)(end - d);
        if (dlen + 1 + nlen + 1 <= sizeof buf) {
            size_t k = 0;
            for (size_t i = 0; i < dlen; i++)
                buf[k++] = d[i];
            if (dlen)
                buf[k++] = '/';
            for (size_t i = 0; i <= nlen; i++)
                buf[k++] = name[i];
            long r = exec_one(buf, argv, envp, shell_fallback);
            if (r == -ASTRA_EACCES)
                err = r;
            else if (r != -ASTRA_ENOENT && r != -ASTRA_ENOTDIR)
                return r;
        }
        if (!*end)
            return err;
        d = end;
    }
}
