#include "../internal/libc.h"

/* Returns the error number, as POSIX's pthread_sigmask does. */
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
    if (set && (unsigned)how > SIG_SETMASK)
        return EINVAL;
    uint64_t k, kold;
    if (set)
        k = set->__bits[0];
    long r = SYS4(rt_sigprocmask, how, set ? &k : 0, old ? &kold : 0, sizeof k);
    if (r < 0)
        return (int)-r;
    if (old) {
        memset(old, 0, sizeof *old);
        old->__bits[0] = kold;
    }
    return 0;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
    return (int)astra_libc_ret(-(long)pthread_sigmask(how, set, old));
}

void astra_libc_block_all(uint64_t *old)
{
    uint64_t all = ~0ULL;
    SYS4(rt_sigprocmask, SIG_BLOCK, &all, old, sizeof all);
}

void astra_libc_restore_mask(const uint64_t *old) { SYS4(rt_sigprocmask, SIG_SETMASK, old, 0, sizeof *old); }

int sigpending(sigset_t *set)
{
    uint64_t k;
    long r = SYS2(rt_sigpending, &k, sizeof k);
    if (r < 0)
        return (int)astra_libc_ret(r);
    memset(set, 0, sizeof *set);
    set->__bits[0] = k;
    return 0;
}

int sigsuspend(const sigset_t *set)
{
    uint64_t k = set->__bits[0];
    return (int)astra_libc_ret(SYS2(rt_sigsuspend, &k, sizeof k));
}
