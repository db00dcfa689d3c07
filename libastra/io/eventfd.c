#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"

/* The kernel's counter starts from a 32-bit value. */
int sys_eventfd(uint64_t initval, int16_t flags)
{
    int lflags = astra_eventfd_flags_from_hermit(flags);
    if (lflags < 0 || initval > 0xffffffffu)
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall2(ASTRA_NR_eventfd2, (long)initval, lflags));
}
