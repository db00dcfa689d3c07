#include "../internal/libc.h"

unsigned sleep(unsigned seconds)
{
    struct timespec ts = { seconds, 0 };
    if (nanosleep(&ts, &ts) == 0)
        return 0;
    return (unsigned)ts.tv_sec + (ts.tv_nsec > 0);
}

int usleep(unsigned usec)
{
    struct timespec ts = { usec / 1000000, (long)(usec % 1000000) * 1000 };
    return nanosleep(&ts, 0);
}
