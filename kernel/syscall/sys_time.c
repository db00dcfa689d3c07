/* clock_gettime, clock_settime, gettimeofday, time, times, getrandom. The clocks are also
 * read in user mode through the vDSO (vdso/vdso.c), which gives the same values. */
#include <astra/abi.h>

#include "dev/random.h"
#include "dev/time.h"
#include "mm/uvm.h"
#include "proc/proc.h"

long ksys_clock_gettime(int clockid, uint64_t tp)
{
    int64_t ns;
    switch (clockid) {
    case ASTRA_CLOCK_REALTIME:
    case ASTRA_CLOCK_REALTIME_COARSE: /* the precise time is a valid coarse one */
        ns = time_realtime_ns();
        break;
    case ASTRA_CLOCK_MONOTONIC:
    case ASTRA_CLOCK_MONOTONIC_COARSE:
    case ASTRA_CLOCK_MONOTONIC_RAW:
    case ASTRA_CLOCK_BOOTTIME: /* no suspend, so the same */
    /* One program runs alone on the machine: its CPU time is the time since boot. */
    case ASTRA_CLOCK_PROCESS_CPUTIME_ID:
    case ASTRA_CLOCK_THREAD_CPUTIME_ID:
        ns = (int64_t)time_monotonic_ns();
        break;
    default:
        return -ASTRA_EINVAL;
    }
    struct astra_timespec ts = { ns / ASTRA_NSEC_PER_SEC, ns % ASTRA_NSEC_PER_SEC };
    return uvm_copy_out(current_mm(), tp, &ts, sizeof ts);
}

/* Linux's bound for a settable wall clock: 30 years of uptime below the largest ktime. */
#define SETTOD_SEC_MAX (INT64_MAX / ASTRA_NSEC_PER_SEC - 30LL * 365 * 86400)

/* Only CLOCK_REALTIME may be set (everyone is root); in Linux's order: the clock (-EINVAL),
 * the pointer (-EFAULT), the value (-EINVAL, also for a time before boot). */
long ksys_clock_settime(int clockid, uint64_t tp)
{
    if (clockid != ASTRA_CLOCK_REALTIME)
        return -ASTRA_EINVAL;
    struct astra_timespec ts;
    if (uvm_copy_in(current_mm(), &ts, tp, sizeof ts))
        return -ASTRA_EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= ASTRA_NSEC_PER_SEC || ts.tv_sec >= SETTOD_SEC_MAX)
        return -ASTRA_EINVAL;
    return time_set_realtime_ns(ts.tv_sec * ASTRA_NSEC_PER_SEC + ts.tv_nsec);
}

long ksys_gettimeofday(uint64_t tv, uint64_t tz)
{
    (void)tz;
    int64_t ns = time_realtime_ns();
    struct astra_timeval t = { ns / ASTRA_NSEC_PER_SEC, ns % ASTRA_NSEC_PER_SEC / 1000 };
    return tv ? uvm_copy_out(current_mm(), tv, &t, sizeof t) : 0;
}

/* Clock ticks (100 per second) since boot; the program's user time is all of it. */
long ksys_times(uint64_t buf)
{
    int64_t ticks = (int64_t)(time_monotonic_ns() / 10000000);
    struct astra_tms t = { ticks, 0, 0, 0 };
    if (buf && uvm_copy_out(current_mm(), buf, &t, sizeof t))
        return -ASTRA_EFAULT;
    return ticks;
}

long ksys_getrandom(uint64_t buf, size_t len, unsigned flags)
{
    if (flags & ~(unsigned)(ASTRA_GRND_NONBLOCK | ASTRA_GRND_RANDOM | ASTRA_GRND_INSECURE))
        return -ASTRA_EINVAL;
    if (len > 33554431)
        len = 33554431; /* Linux's per-call limit */
    unsigned char chunk[256];
    size_t done = 0;
    while (done < len) {
        size_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
        random_fill(chunk, n);
        if (uvm_copy_out(current_mm(), buf + done, chunk, n))
            return done ? (long)done : -ASTRA_EFAULT;
        done += n;
    }
    return (long)done;
}

/* The seconds since the epoch, also stored at tloc when given. */
long ksys_time(uint64_t tloc)
{
    int64_t s = time_realtime_ns() / ASTRA_NSEC_PER_SEC;
    if (tloc && uvm_copy_out(current_mm(), tloc, &s, sizeof s))
        return -ASTRA_EFAULT;
    return s;
}
