#include "../internal/libc.h"

/* Signal s is bit s - 1; the kernel reads the first 64 bits. */
static int valid(int sig) { return sig >= 1 && sig <= ASTRA_NSIG; }

int sigemptyset(sigset_t *set)
{
    memset(set, 0, sizeof *set);
    return 0;
}

int sigfillset(sigset_t *set)
{
    memset(set, 0, sizeof *set);
    set->__bits[0] = ~0UL;
    return 0;
}

int sigaddset(sigset_t *set, int sig)
{
    if (!valid(sig))
        return (int)astra_libc_ret(-EINVAL);
    set->__bits[(sig - 1) / 64] |= 1UL << ((sig - 1) % 64);
    return 0;
}

int sigdelset(sigset_t *set, int sig)
{
    if (!valid(sig))
        return (int)astra_libc_ret(-EINVAL);
    set->__bits[(sig - 1) / 64] &= ~(1UL << ((sig - 1) % 64));
    return 0;
}

int sigismember(const sigset_t *set, int sig)
{
    if (!valid(sig))
        return (int)astra_libc_ret(-EINVAL);
    return (int)(set->__bits[(sig - 1) / 64] >> ((sig - 1) % 64) & 1);
}
