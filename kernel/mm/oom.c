/* The out-of-memory killer (oom.h). It runs under the BKL in the thread that found no frame:
 * killing is a SIGKILL to each process sharing the victim's address space, and reaping
 * frees that address space's pages at once (uvm_reap), before the victim's threads run
 * again, so the caller can try again without waiting for them; their exit frees the rest
 * (page tables, kernel stacks, files). */
#include <astra/abi.h>

#include "lib/printf.h"
#include "mm/oom.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "proc/signal.h"

#define KIB (PAGE_SIZE / 1024)

/* Linux's oom_badness without oom_score_adj: resident pages plus page tables. */
static uint64_t badness(struct mm *mm, struct uvm_usage *u)
{
    uvm_usage(mm, u);
    return u->anon + u->file + u->shmem + u->pgtables;
}

/* Whether p may be chosen: alive with an address space of its own, not already ending. */
static int candidate(struct proc *p)
{
    return p->state == PROC_LIVE && p->mm && !p->exiting && !p->vfork_parent;
}

/* The largest candidate (the last of equals, as Linux's scan); pid 1 only when alone. */
static struct proc *choose(void)
{
    struct proc *best = 0, *init = 0;
    uint64_t best_points = 0;
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (!candidate(p))
            continue;
        if (p->pid == 1) {
            init = p;
            continue;
        }
        struct uvm_usage u;
        uint64_t points = badness(p->mm, &u);
        if (!best || points >= best_points) {
            best = p;
            best_points = points;
        }
    }
    return best ? best : init;
}

int oom_kill(void)
{
    struct proc *self = current_proc();
    if (!self)
        return 0; /* the kernel's own start (the first exec): no process to choose from */
    if (self->exiting || current_thread()->killed)
        return 0; /* a process that is ending gives its memory back soon: nobody else pays */
    struct proc *victim = choose();
    if (!victim)
        victim = self; /* a vfork child alone with its parent's memory */
    struct mm *mm = victim->mm;
    struct uvm_usage u;
    badness(mm, &u);
    kwarn("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, "
          "shmem-rss:%lukB, pgtables:%lukB\n",
          victim->pid, victim->name, u.total_vm * KIB, u.anon * KIB, u.file * KIB, u.shmem * KIB,
          u.pgtables * KIB);
    /* Every process using the address space ends with the victim (its memory comes back only
     * with the last of them), pid 1 excepted when it is not itself the victim. */
    int reap = 1, self_killed = 0;
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (p->mm != mm || p->state != PROC_LIVE)
            continue;
        if (p->pid == 1 && p != victim) {
            kwarn("oom killer: process %d (%s) has its memory pinned by %d (%s)\n", victim->pid,
                  victim->name, p->pid, p->name);
            reap = 0;
            continue;
        }
        signal_send_proc(p, ASTRA_SIGKILL, (struct sig_info){ ASTRA_SI_KERNEL, 0, 0 });
        if (p == self)
            self_killed = 1;
    }
    /* The caller's own address space is in use until its thread leaves the kernel: its exit
     * frees it. */
    if (self_killed)
        return 0;
    if (reap) {
        size_t before = pmm_free_frames();
        uvm_reap(mm);
        kwarn("oom_reaper: reaped process %d (%s), %lukB came back\n", victim->pid, victim->name,
              (uint64_t)(pmm_free_frames() - before) * KIB);
    }
    return 1;
}
