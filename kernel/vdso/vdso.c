/* The vDSO: the functions Linux's vDSO exports (version LINUX_2.6), run in user mode in
 * every process. The clocks come from the kernel's data page mapped just below (vvar.h); they
 * enter the kernel only for what the page does not hold: the CPU-time clocks, unknown clocks,
 * a time zone. getcpu reads the CPU number from the CPU itself (vdso_arch.h), entering the
 * kernel only on a CPU that cannot give it. Built -fPIC with no relocations (vdso.lds), so
 * the kernel maps the image as it is. */
#include <astra/abi.h>
#include <astra/syscall_nr.h>

#include "vdso/vvar.h"
#include "vdso_arch.h"

/* Placed by vdso.lds one page below the image: the [vvar] mapping. */
extern const volatile struct vvar_page vvar_page __attribute__((visibility("hidden")));

/* Sets *ns to the time of clock as the kernel's clock_gettime computes it; 0 for a clock
 * the page does not serve. Inlined: under QEMU's TCG every call and return is a lookup of
 * translated code, a good part of a clock read. */
static inline __attribute__((always_inline)) int clock_ns(long clock, int64_t *ns)
{
    uint64_t mono;
    int64_t offset;
    switch (clock) {
    case ASTRA_CLOCK_REALTIME:
    case ASTRA_CLOCK_REALTIME_COARSE:
    case ASTRA_CLOCK_MONOTONIC:
    case ASTRA_CLOCK_MONOTONIC_COARSE:
    case ASTRA_CLOCK_MONOTONIC_RAW:
    case ASTRA_CLOCK_BOOTTIME:
        vvar_read(&vvar_page.clock, vdso_counter, &mono, &offset);
        *ns = (int64_t)mono;
        if (clock == ASTRA_CLOCK_REALTIME || clock == ASTRA_CLOCK_REALTIME_COARSE)
            *ns += offset;
        return 1;
    default:
        return 0;
    }
}

int __vdso_clock_gettime(long clock, struct astra_timespec *ts)
{
    int64_t ns;
    if (!clock_ns(clock, &ns))
        return (int)vdso_syscall2(ASTRA_NR_clock_gettime, clock, (long)ts);
    ts->tv_sec = ns / ASTRA_NSEC_PER_SEC;
    ts->tv_nsec = ns % ASTRA_NSEC_PER_SEC;
    return 0;
}

int __vdso_gettimeofday(struct astra_timeval *tv, void *tz)
{
    if (tz || !tv)
        return (int)vdso_syscall2(ASTRA_NR_gettimeofday, (long)tv, (long)tz);
    int64_t ns;
    clock_ns(ASTRA_CLOCK_REALTIME, &ns);
    tv->tv_sec = ns / ASTRA_NSEC_PER_SEC;
    tv->tv_usec = ns % ASTRA_NSEC_PER_SEC / 1000;
    return 0;
}

long __vdso_time(long *tloc)
{
    int64_t ns;
    clock_ns(ASTRA_CLOCK_REALTIME, &ns);
    long s = (long)(ns / ASTRA_NSEC_PER_SEC);
    if (tloc)
        *tloc = s;
    return s;
}

/* The CPU and NUMA node the caller runs on, from this CPU's TSC_AUX when the CPU can read it
 * in user mode (the page says how), else from the system call; like Linux's, it writes only
 * through the pointers that are not null, and ignores cache. */
long __vdso_getcpu(unsigned *cpu, unsigned *node, void *cache)
{
    uint32_t aux;
    if (!vdso_tsc_aux(vvar_page.getcpu, &aux))
        return vdso_syscall3(ASTRA_NR_getcpu, (long)cpu, (long)node, (long)cache);
    if (cpu)
        *cpu = aux & ((1u << VDSO_CPU_BITS) - 1);
    if (node)
        *node = aux >> VDSO_CPU_BITS;
    return 0;
}

/* The names without the prefix, as Linux's vDSO also gives them. */
int clock_gettime(long, struct astra_timespec *) __attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct astra_timeval *, void *) __attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
long getcpu(unsigned *, unsigned *, void *) __attribute__((weak, alias("__vdso_getcpu")));
