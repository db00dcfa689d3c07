#include <sys/types.h>

#include "newlib_layer.h"

_Noreturn void _exit(int status)
{
    for (;;)
        astra_syscall1(ASTRA_NR_exit_group, status);
}

int _getpid(void) { return (int)astra_syscall0(ASTRA_NR_getpid); }

/* newlib's signal numbers for the signals a program can raise (SIGABRT, SIGKILL, SIGSEGV...)
 * are the classic ones Linux uses too. */
int _kill(int pid, int sig) { return (int)astra_newlib_ret(astra_syscall2(ASTRA_NR_kill, pid, sig)); }

/* Astra runs one program per kernel: there are no child processes. */
int _fork(void) { return (int)astra_newlib_ret(-ASTRA_ENOSYS); }

int _execve(const char *path, char *const argv[], char *const envp[])
{
    (void)path, (void)argv, (void)envp;
    return (int)astra_newlib_ret(-ASTRA_ENOSYS);
}

int _wait(int *status)
{
    (void)status;
    return (int)astra_newlib_ret(-ASTRA_ENOSYS);
}

ASTRA_POSIX_ALIAS(_getpid, getpid);
ASTRA_POSIX_ALIAS(_kill, kill);
ASTRA_POSIX_ALIAS(_fork, fork);
ASTRA_POSIX_ALIAS(_execve, execve);
ASTRA_POSIX_ALIAS(_wait, wait);
