#include <signal.h>
#include <unistd.h>

#include "newlib_layer.h"

/* newlib (for x86_64-elf) keeps handlers inside the program and never tells the kernel; these
 * replace its signal() and raise() (so that its signal.o is never linked) and add sigaction,
 * sigprocmask, sigpending, sigsuspend and pause. The kernel calls dispatch() with Linux's
 * signal number; the program's handler gets newlib's. newlib's sigset_t has signal s at bit s
 * (its sigaddset), Linux's at bit s - 1. */
static volatile _sig_func_ptr handlers[NSIG];

/* How a handler returns: rt_sigreturn, as every libc's restorer. */
__asm__(".text\n"
        ".type astra_newlib_sigreturn, @function\n"
        "astra_newlib_sigreturn:\n"
        "\tmov $15, %eax\n"
        "\tsyscall\n"
        "\thlt\n");
void astra_newlib_sigreturn(void);

static void dispatch(int linux_sig)
{
    int sig = astra_newlib_signal_from_linux(linux_sig);
    _sig_func_ptr h = sig > 0 && sig < NSIG ? handlers[sig] : SIG_DFL;
    if (h != SIG_DFL && h != SIG_IGN && h != SIG_ERR)
        h(sig);
}

static uint64_t mask_to_linux(sigset_t set)
{
    uint64_t m = 0;
    for (int s = 1; s < NSIG; s++)
        if (set >> s & 1)
            m |= 1ULL << (astra_newlib_signal_to_linux(s) - 1);
    return m;
}

static sigset_t mask_from_linux(uint64_t m)
{
    sigset_t set = 0;
    for (int s = 1; s < NSIG; s++)
        if (m >> (astra_newlib_signal_to_linux(s) - 1) & 1)
            set |= 1UL << s;
    return set;
}

static int valid(int sig) { return sig > 0 && sig < NSIG; }

/* sigaction with Linux's extra flags (SA_RESTART for signal()); 0 or -errno. */
static long set_action(int sig, const struct sigaction *act, struct sigaction *old, unsigned long extra_flags)
{
    if (!valid(sig))
        return -ASTRA_EINVAL;
    struct astra_sigaction k = { 0 }, kold = { 0 };
    _sig_func_ptr previous = handlers[sig];
    if (act) {
        _sig_func_ptr h = act->sa_handler;
        k.handler = h == SIG_DFL ? ASTRA_SIG_DFL : h == SIG_IGN ? ASTRA_SIG_IGN : (unsigned long)dispatch;
        k.flags = ASTRA_SA_RESTORER | extra_flags | (act->sa_flags & SA_NOCLDSTOP ? ASTRA_SA_NOCLDSTOP : 0);
        k.restorer = (unsigned long)astra_newlib_sigreturn;
        k.mask = mask_to_linux(act->sa_mask);
        handlers[sig] = h; /* before the kernel can call dispatch for it */
    }
    long r = astra_syscall4(ASTRA_NR_rt_sigaction, astra_newlib_signal_to_linux(sig), act ? (long)&k : 0,
                            old ? (long)&kold : 0, sizeof k.mask);
    if (r < 0) {
        handlers[sig] = previous;
        return r;
    }
    if (old) {
        old->sa_handler = kold.handler == (unsigned long)dispatch ? previous : (_sig_func_ptr)kold.handler;
        old->sa_mask = mask_from_linux(kold.mask);
        old->sa_flags = kold.flags & ASTRA_SA_NOCLDSTOP ? SA_NOCLDSTOP : 0;
    }
    return 0;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    return (int)astra_newlib_ret(set_action(sig, act, old, 0));
}

/* BSD's and glibc's semantics: the handler stays, interrupted calls restart. */
_sig_func_ptr signal(int sig, _sig_func_ptr handler)
{
    struct sigaction act = { .sa_handler = handler }, old;
    long r = set_action(sig, &act, &old, ASTRA_SA_RESTART);
    if (r < 0) {
        astra_newlib_ret(r);
        return SIG_ERR;
    }
    return old.sa_handler;
}

/* To the calling thread, as POSIX asks; a handler has run when it returns. */
int raise(int sig)
{
    if (!valid(sig))
        return (int)astra_newlib_ret(-ASTRA_EINVAL);
    long pid = astra_syscall0(ASTRA_NR_getpid), tid = astra_syscall0(ASTRA_NR_gettid);
    return (int)astra_newlib_ret(astra_syscall3(ASTRA_NR_tgkill, pid, tid, astra_newlib_signal_to_linux(sig)));
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    int lhow = how == SIG_BLOCK ? ASTRA_SIG_BLOCK : how == SIG_UNBLOCK ? ASTRA_SIG_UNBLOCK
               : how == SIG_SETMASK ? ASTRA_SIG_SETMASK : -1;
    if (set && lhow < 0)
        return (int)astra_newlib_ret(-ASTRA_EINVAL);
    uint64_t lset = set ? mask_to_linux(*set) : 0, lold = 0;
    long r = astra_syscall4(ASTRA_NR_rt_sigprocmask, lhow < 0 ? ASTRA_SIG_BLOCK : lhow, set ? (long)&lset : 0,
                            old ? (long)&lold : 0, sizeof lset);
    if (r == 0 && old)
        *old = mask_from_linux(lold);
    return (int)astra_newlib_ret(r);
}

int sigpending(sigset_t *set)
{
    uint64_t pending = 0;
    long r = astra_syscall2(ASTRA_NR_rt_sigpending, (long)&pending, sizeof pending);
    if (r == 0)
        *set = mask_from_linux(pending);
    return (int)astra_newlib_ret(r);
}

int sigsuspend(const sigset_t *set)
{
    uint64_t lset = mask_to_linux(*set);
    return (int)astra_newlib_ret(astra_syscall2(ASTRA_NR_rt_sigsuspend, (long)&lset, sizeof lset));
}

int pause(void) { return (int)astra_newlib_ret(astra_syscall0(ASTRA_NR_pause)); }
