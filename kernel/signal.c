#include <astra/abi.h>

#include "console.h"
#include "proc.h"
#include "signal.h"

#define DEFAULT_IGNORED                                                                        \
    (sig_bit(ASTRA_SIGCHLD) | sig_bit(ASTRA_SIGURG) | sig_bit(ASTRA_SIGWINCH) | sig_bit(ASTRA_SIGCONT))

/* Whether sig would be discarded now: ignored, or ignored by default. */
static int ignored(struct proc *p, int sig)
{
    unsigned long h = p->sig_handler[sig];
    return h == ASTRA_SIG_IGN || (h == ASTRA_SIG_DFL && (DEFAULT_IGNORED & sig_bit(sig)));
}

void signal_send_thread(struct thread *t, int sig)
{
    if (ignored(t->proc, sig) && !(t->sig_blocked & sig_bit(sig)))
        return;
    t->sig_pending |= sig_bit(sig);
}

void signal_send_proc(struct proc *p, int sig)
{
    if (ignored(p, sig))
        return;
    p->sig_pending |= sig_bit(sig);
}

int signal_pending(struct thread *t)
{
    return ((t->sig_pending | t->proc->sig_pending) & ~t->sig_blocked) != 0;
}

void signal_deliver(struct trapframe *tf)
{
    (void)tf;
    struct thread *t = current_thread();
    struct proc *p = t->proc;
    uint64_t ready;
    while ((ready = (t->sig_pending | p->sig_pending) & ~t->sig_blocked)) {
        int sig = __builtin_ctzll(ready) + 1;
        t->sig_pending &= ~sig_bit(sig);
        p->sig_pending &= ~sig_bit(sig);
        if (ignored(p, sig))
            continue;
        if (p->sig_handler[sig] != ASTRA_SIG_DFL)
            kwarn("signal %d has a handler, but Astra does not run signal handlers: the program ends\n", sig);
        proc_exit_group(128 + sig);
    }
}
