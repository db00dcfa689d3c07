#include <astra/abi.h>

#include "console.h"
#include "futex.h"
#include "kmalloc.h"
#include "kstring.h"
#include "kvm.h"
#include "layout.h"
#include "machine.h"
#include "pmm.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "uvm.h"
#include "vfs.h"
#include "vm.h"
#include "x86.h"

static struct percpu cpu0;
static int next_id = 1;

void percpu_init(void)
{
    cpu0.self = &cpu0;
    wrmsr(MSR_GS_BASE, (uint64_t)&cpu0);
    wrmsr(MSR_KERNEL_GS_BASE, 0);
}

struct proc *proc_create(const char *name)
{
    _Static_assert(sizeof(struct proc) <= KMALLOC_MAX, "struct proc must fit kzalloc");
    struct proc *p = kzalloc(sizeof *p);
    if (!p)
        return 0;
    p->mm = mm_new();
    if (!p->mm) {
        kfree(p);
        return 0;
    }
    p->pid = next_id++;
    strlcpy(p->name, name, sizeof p->name);
    return p;
}

/* The first instructions of every thread: leave the kernel for user mode (entry.S). */
void thread_first_run(void);

/* An FXSAVE image of the state after FNINIT: x87 control word 0x37f, MXCSR 0x1f80. */
static void fpu_init_state(uint8_t *fpu)
{
    memset(fpu, 0, 512);
    fpu[0] = 0x7f, fpu[1] = 0x03;
    fpu[24] = 0x80, fpu[25] = 0x1f;
}

struct thread *thread_create(struct proc *p)
{
    struct thread *t = kzalloc(sizeof *t);
    if (!t)
        return 0;
    t->kstack_top = kstack_alloc();
    if (!t->kstack_top) {
        kfree(t);
        return 0;
    }
    t->proc = p;
    fpu_init_state(t->fpu);
    if (p) {
        /* The first thread of a program has tid == pid, as on Linux. */
        t->tid = p->threads == 0 ? p->pid : next_id++;
        p->threads++;
        t->proc_next = p->thread_list;
        p->thread_list = t;
    }
    t->tf = (struct trapframe *)(t->kstack_top - sizeof(struct trapframe));
    /* switch_context pops six callee-saved registers, then returns to thread_first_run. */
    uint64_t *sp = (uint64_t *)t->tf;
    *--sp = (uint64_t)thread_first_run;
    for (int i = 0; i < 6; i++)
        *--sp = 0;
    t->context = (uint64_t)sp;
    t->state = THREAD_BLOCKED;
    return t;
}

/* Where a new thread starts (entry.S thread_first_run): free what died, enter user mode. */
_Noreturn void thread_start(void)
{
    sched_reap();
    signal_deliver(current_thread()->tf);
    trap_return(current_thread()->tf);
}

void thread_free(struct thread *t)
{
    kstack_free(t->kstack_top);
    kfree(t);
}

void thread_switch_to(struct thread *t)
{
    struct percpu *cpu = this_cpu();
    cpu->thread = t;
    cpu->kernel_rsp = t->kstack_top;
    tss_set_kernel_stack(t->kstack_top);
    uint64_t cr3 = t->proc ? V2P(t->proc->mm->pml4) : V2P(kernel_pml4);
    if (read_cr3() != cr3)
        write_cr3(cr3);
    wrmsr(MSR_FS_BASE, t->fs_base);
}

_Noreturn void proc_exit_group(int status)
{
    struct proc *p = current_proc();
    if (p) {
        /* One CPU: every other thread of the program is switched out; end them all. */
        for (struct thread *t = p->thread_list; t; t = t->proc_next)
            if (t != current_thread()) {
                futex_cancel(t);
                t->state = THREAD_DEAD;
            }
        size_t before = pmm_free_frames();
        write_cr3(V2P(kernel_pml4));
        if (p->fdt)
            fdtable_free(p->fdt);
        mm_put(p->mm);
        kfree(p);
        kprintf("astra: %s (pid %d) exited; %lu frames returned to the allocator\n", p->name,
                p->pid, pmm_free_frames() - before);
    }
    /* One program per boot: when it ends, the machine ends with its status. */
    machine_exit(status & 0xff);
}

_Noreturn void thread_exit(int status)
{
    struct thread *t = current_thread();
    struct proc *p = t->proc;
    if (p->threads <= 1)
        proc_exit_group(status);
    /* CLONE_CHILD_CLEARTID: zero the tid word and wake a joiner, as Linux does. */
    if (t->clear_child_tid) {
        uint32_t zero = 0;
        if (uvm_copy_out(p->mm, t->clear_child_tid, &zero, sizeof zero) == 0)
            futex_wake(p->mm, t->clear_child_tid, 1, ASTRA_FUTEX_BITSET_MATCH_ANY);
    }
    p->threads--;
    for (struct thread **l = &p->thread_list; *l; l = &(*l)->proc_next)
        if (*l == t) {
            *l = t->proc_next;
            break;
        }
    t->state = THREAD_DEAD;
    schedule();
    panic("thread_exit: a dead thread ran again");
}
