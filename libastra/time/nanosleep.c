#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/time.h"
#include "../internal/translate.h"
#include "../internal/uaccess.h"

/* Sleeps for the whole interval: hermit's nanosleep has no remainder to report. */
int sys_nanosleep(const struct hermit_timespec *req)
{
    struct hermit_timespec h;
    struct astra_timespec rel;
    long r = astra_copy_from_user(&h, req, sizeof h);
    if (r == 0)
        r = astra_timespec_from_hermit(&h, &rel);
    if (r == 0) {
        struct astra_timespec deadline = astra_deadline_after(ASTRA_CLOCK_MONOTONIC, &rel);
        r = astra_sleep_until(&deadline);
    }
    return (int)astra_ret(r);
}
