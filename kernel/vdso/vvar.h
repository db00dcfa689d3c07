/* The vDSO's data page, [vvar]: what the kernel's clock is made of, and how to read the CPU
 * number. The kernel writes it
 * (dev/time.c, under the BKL: one writer) and reads its clocks from it; every process maps
 * the same frame read-only below its vDSO, whose functions (vdso/vdso.c) read it in user
 * mode. Both compute a time with vvar_read and vvar_ns, so the vDSO gives exactly the
 * kernel's values.
 *
 * A writer makes seq odd, changes the fields, and makes seq even again; a reader that saw
 * an odd seq, or a different one after reading, reads again, so it never sees half an
 * update. The counter is the same on every CPU (the kernel assumes a synchronized TSC, as
 * QEMU gives every vCPU). */
#ifndef ASTRA_KERNEL_VVAR_H
#define ASTRA_KERNEL_VVAR_H

#include <stdint.h>

struct vvar_clock {
    uint32_t seq;
    uint32_t shift;             /* ns = (counter - counter_base) * mult >> shift */
    uint64_t counter_base;      /* the counter at CLOCK_MONOTONIC's zero (boot) */
    uint64_t mult;
    int64_t realtime_offset_ns; /* CLOCK_REALTIME - CLOCK_MONOTONIC, moved by clock_settime */
};

/* The page the kernel writes: its first bytes are the clock. */
struct vvar_page {
    struct vvar_clock clock;
    /* How the vDSO's getcpu reads the CPU number: a VDSO_GETCPU_* of the arch's vdso_arch.h,
     * 0 (VDSO_GETCPU_SYSCALL) for the system call. Written once, before any process. */
    uint32_t getcpu;
};

/* Nanoseconds since counter_base at counter value now. */
static inline __attribute__((always_inline)) uint64_t vvar_ns(uint64_t now, uint64_t base, uint64_t mult,
                                                              uint32_t shift)
{
    return (uint64_t)(((unsigned __int128)(now - base) * mult) >> shift);
}

/* One consistent reading of c: CLOCK_MONOTONIC and the realtime offset, with the counter
 * read by counter() inside the sequence. */
static inline __attribute__((always_inline)) void vvar_read(const volatile struct vvar_clock *c,
                                                            uint64_t (*counter)(void), uint64_t *mono,
                                                            int64_t *offset)
{
    uint32_t seq;
    do {
        while ((seq = __atomic_load_n(&c->seq, __ATOMIC_ACQUIRE)) & 1)
            ;
        *mono = vvar_ns(counter(), c->counter_base, c->mult, c->shift);
        *offset = c->realtime_offset_ns;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while (__atomic_load_n(&c->seq, __ATOMIC_RELAXED) != seq);
}

#endif
