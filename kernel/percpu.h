/* Per-CPU state, reached through the GS base while in the kernel (swapgs on entry from user
 * mode). One CPU for now; the layout is ready for more. */
#ifndef ASTRA_KERNEL_PERCPU_H
#define ASTRA_KERNEL_PERCPU_H

#define PERCPU_KERNEL_RSP 8
#define PERCPU_USER_RSP 16

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct thread;

struct percpu {
    struct percpu *self;
    uint64_t kernel_rsp;  /* top of the current thread's kernel stack */
    uint64_t user_rsp;    /* scratch for syscall_entry */
    struct thread *thread;
    unsigned id;
};

_Static_assert(offsetof(struct percpu, kernel_rsp) == PERCPU_KERNEL_RSP, "entry.S");
_Static_assert(offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "entry.S");

void percpu_init(void);

static inline struct percpu *this_cpu(void)
{
    struct percpu *p;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(p));
    return p;
}
#endif

#endif
