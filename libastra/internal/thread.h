/* The thread control block and static TLS (x86_64 TLS variant II): the TLS data sits just
 * below the TCB and FS points at the TCB, whose first word points to itself. */
#ifndef ASTRA_INTERNAL_THREAD_H
#define ASTRA_INTERNAL_THREAD_H

#include <stddef.h>
#include <stdint.h>

struct astra_tcb {
    struct astra_tcb *self;   /* 0x00: %fs:0, the thread pointer, as the ABI requires */
    uintptr_t abi_reserved[4];/* 0x08..0x27: where other libcs keep dtv etc.; unused */
    uintptr_t stack_guard;    /* 0x28: gcc's -fstack-protector canary (%fs:0x28) */
    uintptr_t pointer_guard;  /* 0x30 */
    /* libastra's own fields, below here, may change freely. */
    volatile int tid;         /* set by clone (PARENT_SETTID), zeroed by the kernel at exit */
    int id;                   /* the tid, kept after the kernel clears `tid`; the join key */
    void *map_base;           /* the mapping holding guard page, stack, TLS and this TCB */
    size_t map_size;          /* 0 for the main thread, whose memory is not ours to free */
    void (*start)(size_t);
    size_t arg;
    intptr_t core_id;         /* the CPU the thread is pinned to, or -1 */
    uint8_t priority;         /* hermit's priority, recorded for sys_get_priority */
    volatile uint32_t blocked;/* 1 between sys_block_current_task and the wakeup */
    int has_deadline;         /* sys_block_current_task_with_timeout's deadline is set */
    struct { int64_t tv_sec, tv_nsec; } deadline; /* CLOCK_MONOTONIC */
    struct astra_tcb *next;   /* registry of joinable threads (thread/registry.c) */
    /* The unix target's pthreads (libc/thread/); unused by the Hermit contract. */
    void *(*pthread_start)(void *);
    void *pthread_arg;
    void *pthread_result;
    volatile int detach_state;/* ASTRA_THREAD_* (libc/internal/libc.h) */
    void *stack_base;         /* lowest address of the stack (above the guard) */
    size_t stack_size;
    size_t guard_size;
    struct astra_tsd_slot *tsd;       /* pthread_setspecific's values, allocated on first use */
    struct astra_tls_dtor *tls_dtors; /* __cxa_thread_atexit_impl's list, newest first */
    char name[16];            /* pthread_setname_np's */
    uint64_t start_mask;      /* the creator's signal mask, the new thread's once it runs */
};

_Static_assert(offsetof(struct astra_tcb, stack_guard) == 0x28, "gcc reads the canary at %fs:0x28");

/* The static TLS image of the program (from PT_TLS), filled in once by astra_tls_init_main. */
struct astra_tls_image {
    const void *init;   /* .tdata initial contents */
    size_t init_size;   /* bytes of .tdata */
    size_t mem_size;    /* .tdata + .tbss */
    size_t align;       /* alignment of the thread pointer: the segment's, at least 16 */
    size_t offset;      /* distance from the start of the TLS data to the TCB */
};

extern struct astra_tls_image astra_tls;

/* The main thread's TCB (startup/tls.c); it is not joinable. */
extern struct astra_tcb *astra_main_thread;

/* Bytes a thread needs for its TLS block plus TCB, including slack for alignment. */
size_t astra_tls_block_size(void);

/* Lays out a TLS block + TCB inside [mem, mem + astra_tls_block_size()) and returns the TCB. */
struct astra_tcb *astra_tls_init_block(void *mem);

/* Makes tcb the calling thread's thread pointer (arch_prctl(ARCH_SET_FS)). */
int astra_set_thread_pointer(struct astra_tcb *tcb);

static inline struct astra_tcb *astra_self(void)
{
    struct astra_tcb *self;
    __asm__("mov %%fs:0, %0" : "=r"(self));
    return self;
}

#endif
