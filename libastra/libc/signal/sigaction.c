#include "../internal/libc.h"

_Static_assert(sizeof(struct sigaction) == 152, "musl's struct sigaction");
_Static_assert(sizeof(sigset_t) == 128, "musl's sigset_t");

/* musl's 152-byte struct sigaction to the kernel's 32-byte one and back: the kernel's mask
 * is the first word of the 128-byte set; every handler returns through libastra's
 * restorer. */
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
    if (sig < 1 || sig > ASTRA_NSIG)
        return (int)astra_libc_ret(-EINVAL);
    struct astra_sigaction k, kold;
    if (act) {
        k.handler = (unsigned long)act->sa_handler;
        k.flags = (unsigned)act->sa_flags | ASTRA_SA_RESTORER;
        k.restorer = (unsigned long)astra_libc_sigreturn;
        k.mask = act->sa_mask.__bits[0];
    }
    long r = SYS4(rt_sigaction, sig, act ? &k : 0, old ? &kold : 0, sizeof k.mask);
    if (r < 0)
        return (int)astra_libc_ret(r);
    if (old) {
        memset(old, 0, sizeof *old);
        old->sa_handler = (void (*)(int))kold.handler;
        old->sa_flags = (int)kold.flags;
        old->sa_restorer = (void (*)(void))kold.restorer;
        old->sa_mask.__bits[0] = kold.mask;
    }
    return 0;
}

/* BSD semantics, as glibc's and musl's signal(): the handler stays and calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction sa = { .sa_flags = SA_RESTART }, old;
    sa.sa_handler = handler;
    if (sigaction(sig, &sa, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}
