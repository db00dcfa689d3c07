/* execve: the program prepared by exec.c replaces the caller's. Past the point of no return
 * the other threads end, close-on-exec descriptors close, handled signals go back to their
 * default action, and a vfork parent goes on. */
#include <astra/abi.h>

#include "arch.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/uvm.h"
#include "proc/exec.h"
#include "proc/futex.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

/* Ends the other threads of p and waits for them: 0, or -EINTR when p itself is ending. */
static int end_other_threads(struct proc *p, struct thread *t)
{
    if (p->threads == 1)
        return 0;
    proc_kill_threads(p, t);
    p->exec_waiter = t;
    while (p->threads > 1 && !t->killed)
        sched_block_killable();
    p->exec_waiter = 0;
    return t->killed ? -ASTRA_EINTR : 0;
}

/* Dispositions: handlers go back to the default action, ignored signals stay ignored. */
static void reset_signal_handlers(struct proc *p)
{
    for (int sig = 1; sig <= ASTRA_NSIG; sig++) {
        struct astra_sigaction *a = &p->sig_action[sig];
        if (a->handler != ASTRA_SIG_IGN)
            a->handler = ASTRA_SIG_DFL;
        a->flags = 0;
        a->restorer = 0;
        a->mask = 0;
    }
}

static void replace_memory(struct proc *p, struct thread *t, struct mm *mm)
{
    struct mm *old = p->mm;
    futex_exit_robust(t); /* in the old memory, as Linux's exec does */
    /* As Linux: a thread's CLONE_CHILD_CLEARTID word is cleared for whoever shares the old
     * memory (a vfork parent). */
    if (t->clear_child_tid && old->refs > 1) {
        uint32_t zero = 0;
        if (uvm_copy_out(old, t->clear_child_tid, &zero, sizeof zero) == 0)
            futex_wake(old, t->clear_child_tid, 1, ASTRA_FUTEX_BITSET_MATCH_ANY);
    }
    t->clear_child_tid = 0;
    p->mm = mm;
    arch_load_page_tables(mm->pgtable);
    mm_put(old);
    proc_vfork_release(p);
}

static const char *base_name(const char *path)
{
    const char *name = path;
    for (const char *c = path; *c; c++)
        if (*c == '/' && c[1])
            name = c + 1;
    return name;
}

long ksys_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp)
{
    struct thread *t = current_thread();
    struct proc *p = t->proc;
    struct exec_request *rq = kvm_zalloc(sizeof *rq);
    if (!rq)
        return -ASTRA_ENOMEM;
    long r = uvm_copy_string_in(p->mm, rq->path_buf, upath, sizeof rq->path_buf);
    rq->path = rq->path_buf;
    rq->cwd = p->cwd;
    rq->argv = (struct exec_strings){ .mm = p->mm, .user = uargv, .count = uargv ? -1 : 0 };
    rq->envp = (struct exec_strings){ .mm = p->mm, .user = uenvp, .count = uenvp ? -1 : 0 };
    if (r >= 0)
        r = exec_prepare(rq);
    struct fdtable *fdt = p->fdt;
    if (!r && fdt->refs > 1 && !(fdt = fdtable_copy(p->fdt)))
        r = -ASTRA_ENOMEM; /* a table shared by clone(CLONE_FILES) is unshared */
    if (!r && (r = end_other_threads(p, t)) && fdt != p->fdt)
        fdtable_put(fdt);
    if (r) {
        if (r == -ASTRA_ENOEXEC && !memcmp(rq->head, "\x7f" "ELF", 4))
            kwarn("exec %s: refused: %s\n", rq->path, rq->why);
        if (rq->mm)
            mm_put(rq->mm);
        kvm_free(rq);
        return r;
    }

    /* The point of no return. */
    replace_memory(p, t, rq->mm);
    if (fdt != p->fdt) {
        fdtable_put(p->fdt);
        p->fdt = fdt;
    }
    fdtable_close_on_exec(p->fdt);
    reset_signal_handlers(p);
    p->did_exec = 1;
    strlcpy(p->name, base_name(rq->path), sizeof p->name);
    t->comm[0] = 0; /* named after the program again */
    strlcpy(p->exe, rq->exe, sizeof p->exe);
    t->tid = p->pid; /* a thread other than the first takes its id, as on Linux */
    t->altstack = (struct astra_stack){ .ss_flags = ASTRA_SS_DISABLE };
    t->fs_base = 0;
    t->gs_base = 0;
    arch_set_user_tls(0);
    arch_set_user_gs(0);
    thread_fpu_reset(t);
    exec_start_registers(t->tf, rq);
    int truncated = rq->truncated;
    if (truncated)
        kwarn("exec %s: %s: the program ends with SIGSEGV, as on Linux\n", rq->path, rq->why);
    kvm_free(rq);
    if (truncated)
        proc_exit_group(ASTRA_SIGSEGV);
    return 0;
}
