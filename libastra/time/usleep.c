#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/time.h"

void sys_usleep(uint64_t usecs)
{
    struct astra_timespec rel = { (int64_t)(usecs / 1000000), (int64_t)(usecs % 1000000) * 1000 };
    struct astra_timespec deadline = astra_deadline_after(ASTRA_CLOCK_MONOTONIC, &rel);
    astra_sleep_until(&deadline);
}
