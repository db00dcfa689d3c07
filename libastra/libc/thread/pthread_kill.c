#include "../internal/libc.h"

/* A thread that has exited (tid cleared by the kernel) gets no signal: ESRCH. Returns the
 * error number. */
int pthread_kill(pthread_t t, int sig)
{
    int tid = astra_pthread_tcb(t)->tid;
    if (!tid)
        return ESRCH;
    return astra_libc_errnum(SYS3(tgkill, SYS0(getpid), tid, sig));
}
