#include "../internal/translate.h"

int astra_clock_from_hermit(hermit_clockid_t clock)
{
    switch (clock) {
    case HERMIT_CLOCK_REALTIME: return ASTRA_CLOCK_REALTIME;
    case HERMIT_CLOCK_MONOTONIC: return ASTRA_CLOCK_MONOTONIC;
    default: return -1;
    }
}

int astra_timespec_from_hermit(const struct hermit_timespec *in, struct astra_timespec *out)
{
    if (in->tv_sec < 0 || in->tv_nsec < 0 || in->tv_nsec >= ASTRA_NSEC_PER_SEC)
        return -ASTRA_EINVAL;
    out->tv_sec = in->tv_sec;
    out->tv_nsec = in->tv_nsec;
    return 0;
}

void astra_timespec_to_hermit(const struct astra_timespec *in, struct hermit_timespec *out)
{
    *out = (struct hermit_timespec){ .tv_sec = in->tv_sec, .tv_nsec = (int32_t)in->tv_nsec };
}

int astra_timeval_from_hermit(const struct hermit_timeval *in, struct astra_timeval *out)
{
    if (in->tv_sec < 0 || in->tv_usec < 0 || in->tv_usec >= 1000000)
        return -ASTRA_EINVAL;
    out->tv_sec = in->tv_sec;
    out->tv_usec = in->tv_usec;
    return 0;
}

void astra_timeval_to_hermit(const struct astra_timeval *in, struct hermit_timeval *out)
{
    *out = (struct hermit_timeval){ .tv_sec = in->tv_sec, .tv_usec = (int32_t)in->tv_usec };
}
