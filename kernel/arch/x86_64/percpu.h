/* Per-CPU state, reached through the GS base while in the kernel (swapgs on entry from user
 * mode). cpus[] holds one per CPU, indexed by the kernel's CPU number (0 is the boot CPU). */
#ifndef ASTRA_KERNEL_PERCPU_H
#define ASTRA_KERNEL_PERCPU_H

#define PERCPU_KERNEL_RSP 8
#define PERCPU_USER_RSP 16

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#define MAX_CPUS 16

/* percpu.idling: 0 while the CPU runs a thread or holds the BKL. */
enum { IDLE_POLLING = 1, IDLE_HALTED = 2 };

struct thread;

struct percpu {
    struct percpu *self;
    uint64_t kernel_rsp;  /* top of the current thread's kernel stack */
    uint64_t user_rsp;    /* scratch for syscall_entry */
    struct thread *thread;
    unsigned id;          /* 0 .. cpu_count-1 */
    unsigned apic_id;
    struct thread *idle;  /* runs when no thread may run here */
    uint64_t cr3;         /* the address space loaded: shootdowns go where it is */
    volatile int idling;  /* in the idle loop without the big kernel lock: IDLE_POLLING, IDLE_HALTED */
    volatile int tlb_pending; /* a TLB shootdown waits for this CPU */
    volatile int tlb_stale;   /* a shootdown of cr3 skipped this idle CPU: flush before its next user run */
    volatile int online;
};

_Static_assert(offsetof(struct percpu, kernel_rsp) == PERCPU_KERNEL_RSP, "entry.S");
_Static_assert(offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "entry.S");

extern struct percpu cpus[MAX_CPUS];
extern unsigned cpu_count; /* CPUs online */

/* Points GS at cpus[id] on the calling CPU and writes id where the vDSO reads it (tsc_aux.c). */
void percpu_init(unsigned id);

static inline struct percpu *this_cpu(void)
{
    struct percpu *p;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(p));
    return p;
}

/* Loads an address space on this CPU and remembers it for TLB shootdowns. */
void cpu_load_cr3(uint64_t cr3);
#endif

#endif
