#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"

/* The kernel writes its timespec straight into hermit's: both are 16 bytes, and the
 * nanoseconds (< 1e9) in the low half of Linux's little-endian 64-bit field are hermit's i32,
 * the zero high half landing in hermit's padding. No copy, and a bad tp is the kernel's
 * -EFAULT. */
_Static_assert(sizeof(struct hermit_timespec) == sizeof(struct astra_timespec) &&
                   offsetof(struct hermit_timespec, tv_nsec) ==
                       offsetof(struct astra_timespec, tv_nsec),
               "hermit_timespec overlays astra_timespec");

int sys_clock_gettime(hermit_clockid_t clockid, struct hermit_timespec *tp)
{
    int clock = astra_clock_from_hermit(clockid);
    if (clock < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall2(ASTRA_NR_clock_gettime, clock, (long)tp));
}
