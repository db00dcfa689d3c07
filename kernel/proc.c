#include <astra/abi.h>

#include "console.h"
#include "kmalloc.h"
#include "kstring.h"
#include "kvm.h"
#include "layout.h"
#include "machine.h"
#include "pmm.h"
#include "proc.h"
#include "uvm.h"
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
    struct proc *p = kzalloc(sizeof *p);
    if (!p)
        return 0;
    p->pml4 = vm_new_address_space();
    if (!p->pml4) {
        kfree(p);
        return 0;
    }
    p->pid = next_id++;
    strlcpy(p->name, name, sizeof p->name);
    return p;
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
    /* The first program's first thread has tid == pid, as on Linux. */
    t->tid = p->threads == 0 ? p->pid : next_id++;
    p->threads++;
    t->tf = (struct trapframe *)(t->kstack_top - sizeof(struct trapframe));
    return t;
}

void thread_switch_to(struct thread *t)
{
    struct percpu *cpu = this_cpu();
    cpu->thread = t;
    cpu->kernel_rsp = t->kstack_top;
    tss_set_kernel_stack(t->kstack_top);
    if (read_cr3() != V2P(t->proc->pml4))
        write_cr3(V2P(t->proc->pml4));
    wrmsr(MSR_FS_BASE, t->fs_base);
}

_Noreturn void proc_exit_group(int status)
{
    struct proc *p = current_proc();
    if (p) {
        size_t before = pmm_free_frames();
        write_cr3(V2P(kernel_pml4));
        uvm_destroy(p);
        kprintf("astra: %s (pid %d) exited; %lu frames returned to the allocator\n", p->name,
                p->pid, pmm_free_frames() - before);
    }
    /* One program per boot: when it ends, the machine ends with its status. */
    machine_exit(status & 0xff);
}

_Noreturn void thread_exit(int status)
{
    struct thread *t = current_thread();
    if (t->proc->threads <= 1)
        proc_exit_group(status);
    panic("thread_exit: multiple threads are not implemented yet");
}
