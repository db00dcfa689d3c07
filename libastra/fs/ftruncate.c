#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_ftruncate(int32_t fd, int64_t length)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_ftruncate, fd, length));
}
