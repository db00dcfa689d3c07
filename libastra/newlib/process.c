#include <sys/types.h>
#include <sys/wait.h>

#include "newlib_layer.h"

_Noreturn void _exit(int status)
{
    for (;;)
        astra_syscall1(ASTRA_NR_exit_group, status);
}

int _getpid(void) { return (int)astra_syscall0(ASTRA_NR_getpid); }

int _kill(int pid, int sig)
{
    return (int)astra_newlib_ret(astra_syscall2(ASTRA_NR_kill, pid, astra_newlib_signal_to_linux(sig)));
}

/* libastra keeps nothing a child must refresh: the pid that uaccess caches is in memory the
 * kernel wipes in a forked child. */
int _fork(void) { return (int)astra_newlib_ret(astra_syscall0(ASTRA_NR_fork)); }

int _execve(const char *path, char *const argv[], char *const envp[])
{
    return (int)astra_newlib_ret(astra_syscall3(ASTRA_NR_execve, (long)path, (long)argv, (long)envp));
}

/* Linux's wait status has newlib's layout (and WNOHANG/WUNTRACED its values); only the
 * signal numbers in it differ. */
static int status_from_linux(int st)
{
    if ((st & 0x7f) && (st & 0x7f) != 0x7f) /* ended by a signal */
        return (st & ~0x7f) | astra_newlib_signal_from_linux(st & 0x7f);
    if ((st & 0xff) == 0x7f) /* stopped */
        return (st & ~0xff00) | astra_newlib_signal_from_linux((st >> 8) & 0xff) << 8;
    return st;
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    long r = astra_syscall4(ASTRA_NR_wait4, pid, (long)status, options, 0);
    if (r > 0 && status) /* the kernel wrote it: the pointer is good */
        *status = status_from_linux(*status);
    return (pid_t)astra_newlib_ret(r);
}

int _wait(int *status) { return waitpid(-1, status, 0); }

pid_t getppid(void) { return (pid_t)astra_syscall0(ASTRA_NR_getppid); }
pid_t getpgrp(void) { return (pid_t)astra_syscall1(ASTRA_NR_getpgid, 0); }
pid_t getpgid(pid_t pid) { return (pid_t)astra_newlib_ret(astra_syscall1(ASTRA_NR_getpgid, pid)); }
int setpgid(pid_t pid, pid_t pgid) { return (int)astra_newlib_ret(astra_syscall2(ASTRA_NR_setpgid, pid, pgid)); }
pid_t getsid(pid_t pid) { return (pid_t)astra_newlib_ret(astra_syscall1(ASTRA_NR_getsid, pid)); }
pid_t setsid(void) { return (pid_t)astra_newlib_ret(astra_syscall0(ASTRA_NR_setsid)); }

ASTRA_POSIX_ALIAS(_getpid, getpid);
ASTRA_POSIX_ALIAS(_kill, kill);
ASTRA_POSIX_ALIAS(_fork, fork);
/* vfork may be fork (POSIX): a C function cannot return into a parent's stack it shares. */
ASTRA_POSIX_ALIAS(_fork, vfork);
ASTRA_POSIX_ALIAS(_execve, execve);
ASTRA_POSIX_ALIAS(_wait, wait);
