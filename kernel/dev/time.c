/* Time from the architecture's counter (arch_counter, calibrated at boot) and its
 * battery-backed clock, read once at boot. The clock's parameters live in the vDSO's data
 * page (vdso/vvar.h), which the kernel reads as the vDSO does: both give the same values. */
#include <astra/abi.h>

#include "arch.h"
#include "dev/time.h"
#include "lib/printf.h"
#include "vdso/vdso.h"
#include "vdso/vvar.h"

static uint64_t tsc_hz;
/* The data page's clock after time_init; before it, zeros (the time is 0). */
static struct vvar_clock unset;
static volatile struct vvar_clock *clock = &unset;

int64_t time_from_date(int year, int month, int day, int hour, int minute, int second)
{
    /* Days from civil (Howard Hinnant's algorithm). */
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t yoe = year - era * 400;
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return days * 86400 + hour * 3600 + minute * 60 + second;
}

void time_init(void)
{
    tsc_hz = arch_counter_calibrate();
    if (tsc_hz < 1000000)
        panic("time_init: TSC calibration gave %lu Hz", tsc_hz);
    struct arch_date d;
    arch_rtc_read(&d);
    volatile struct vvar_clock *c = &vdso_vvar()->clock;
    /* ns = ticks * mult >> 32: mult is 2^32 ns per tick, rounded (an error of at most
     * 2^-33 of a tick per tick, far below the calibration's). */
    c->shift = 32;
    c->mult = (((uint64_t)ASTRA_NSEC_PER_SEC << 32) + tsc_hz / 2) / tsc_hz;
    c->counter_base = arch_counter();
    c->realtime_offset_ns = time_from_date(d.year, d.month, d.day, d.hour, d.minute, d.second) * ASTRA_NSEC_PER_SEC;
    clock = c;
    kprintf("astra: TSC %lu.%03lu MHz\n", tsc_hz / 1000000, tsc_hz / 1000 % 1000);
}

uint64_t time_monotonic_ns(void)
{
    uint64_t mono;
    int64_t offset;
    vvar_read(clock, arch_counter, &mono, &offset);
    return mono;
}

int64_t time_realtime_ns(void)
{
    uint64_t mono;
    int64_t offset;
    vvar_read(clock, arch_counter, &mono, &offset);
    return (int64_t)mono + offset;
}

long time_set_realtime_ns(int64_t ns)
{
    uint64_t mono = time_monotonic_ns();
    if (ns < (int64_t)mono) /* as Linux: the wall clock never goes before boot */
        return -ASTRA_EINVAL;
    uint32_t seq = clock->seq;
    __atomic_store_n(&clock->seq, seq + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    clock->realtime_offset_ns = ns - (int64_t)mono;
    __atomic_store_n(&clock->seq, seq + 2, __ATOMIC_RELEASE);
    return 0;
}

uint64_t time_tsc_hz(void) { return tsc_hz; }
