#include <stdint.h>

#include "../internal/syscall.h"
#include "../internal/time.h"

struct astra_timespec astra_deadline_after(int clock, const struct astra_timespec *rel)
{
    struct astra_timespec now, t;
    astra_clock_gettime(clock, &now);
    t.tv_nsec = now.tv_nsec + rel->tv_nsec;
    int64_t carry = t.tv_nsec >= ASTRA_NSEC_PER_SEC;
    if (carry)
        t.tv_nsec -= ASTRA_NSEC_PER_SEC;
    if (__builtin_add_overflow(now.tv_sec, rel->tv_sec, &t.tv_sec) ||
        __builtin_add_overflow(t.tv_sec, carry, &t.tv_sec)) {
        t.tv_sec = INT64_MAX;
        t.tv_nsec = ASTRA_NSEC_PER_SEC - 1;
    }
    return t;
}

int astra_sleep_until(const struct astra_timespec *deadline)
{
    long r;
    do
        r = astra_syscall4(ASTRA_NR_clock_nanosleep, ASTRA_CLOCK_MONOTONIC, ASTRA_TIMER_ABSTIME,
                           (long)deadline, 0);
    while (r == -ASTRA_EINTR);
    return (int)r;
}
