#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_chmod(const char *path, uint32_t mode)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_chmod, (long)path, mode));
}

int sys_fchmod(int32_t fd, uint32_t mode)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_fchmod, fd, mode));
}
