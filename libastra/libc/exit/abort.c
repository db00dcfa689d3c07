#include "../internal/libc.h"

/* SIGABRT with its default action, even when the program ignores or catches it (after its
 * handler returns), as POSIX asks; then, should the signal not end us, exit_group. */
_Noreturn void abort(void)
{
    raise(SIGABRT);
    uint64_t all = ~0ULL;
    SYS4(rt_sigprocmask, SIG_BLOCK, &all, 0, sizeof all);
    struct astra_sigaction dfl = { .handler = ASTRA_SIG_DFL };
    SYS4(rt_sigaction, SIGABRT, &dfl, 0, sizeof dfl.mask);
    SYS3(tgkill, SYS0(getpid), SYS0(gettid), SIGABRT);
    uint64_t abrt = 1ULL << (SIGABRT - 1);
    SYS4(rt_sigprocmask, SIG_UNBLOCK, &abrt, 0, sizeof abrt);
    for (;;)
        SYS1(exit_group, 127);
}
