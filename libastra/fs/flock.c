#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_flock(int32_t fd, int32_t op)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_flock, fd, (unsigned)op));
}
