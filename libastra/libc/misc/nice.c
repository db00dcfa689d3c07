#include "../internal/libc.h"

/* The new nice value (-1 with errno on failure, as on Linux where -1 can also be a value). */
int nice(int inc)
{
    errno = 0;
    int now = getpriority(PRIO_PROCESS, 0);
    if (now == -1 && errno)
        return -1;
    int target = now + inc;
    target = target > 19 ? 19 : target < -20 ? -20 : target;
    if (setpriority(PRIO_PROCESS, 0, target) < 0)
        return -1;
    return target;
}
