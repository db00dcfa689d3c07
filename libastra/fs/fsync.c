#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_fsync(int32_t fd)
{
    return (int)astra_ret(astra_syscall1(ASTRA_NR_fsync, fd));
}

int sys_fdatasync(int32_t fd)
{
    return (int)astra_ret(astra_syscall1(ASTRA_NR_fdatasync, fd));
}
