#include "../internal/libc.h"

/* To the calling thread, as POSIX asks (tgkill; the kernel has no plain tkill). */
int raise(int sig)
{
    return (int)astra_libc_ret(SYS3(tgkill, SYS0(getpid), SYS0(gettid), sig));
}

int kill(pid_t pid, int sig) { return (int)astra_libc_ret(SYS2(kill, pid, sig)); }
