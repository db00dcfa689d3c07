#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/time.h"
#include "../internal/translate.h"

/* The kernel writes its timespec straight into hermit's: both are 16 bytes, and the
 * nanoseconds (< 1e9) in the low half of Linux's little-endian 64-bit field are hermit's i32,
 * the zero high half landing in hermit's padding. No copy, and a bad tp is the kernel's
 * -EFAULT. */
_Static_assert(sizeof(struct hermit_timespec) == sizeof(struct astra_timespec) &&
                   offsetof(struct hermit_timespec, tv_nsec) ==
                       offsetof(struct astra_timespec, tv_nsec),
               "hermit_timespec overlays astra_timespec");

/* The page of the last timespec the kernel wrote for this thread. A caller's pointer is
 * checked by letting the kernel write through it once (a bad one is its -EFAULT); later calls
 * that name the same page (a hot loop's stack variable) read the clock through the vDSO, which
 * writes there as the kernel did. */
static _Thread_local uintptr_t vouched_page;

int sys_clock_gettime(hermit_clockid_t clockid, struct hermit_timespec *tp)
{
    int clock = astra_clock_from_hermit(clockid);
    if (clock < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    uintptr_t first = (uintptr_t)tp, last = first + sizeof *tp - 1;
    uintptr_t page = first & -(uintptr_t)ASTRA_PAGE_SIZE;
    if (page && page == vouched_page && (last & -(uintptr_t)ASTRA_PAGE_SIZE) == page)
        return (int)astra_ret(astra_clock_gettime(clock, (struct astra_timespec *)tp));
    long r = astra_syscall2(ASTRA_NR_clock_gettime, clock, (long)tp);
    if (r == 0)
        vouched_page = page;
    return (int)astra_ret(r);
}
