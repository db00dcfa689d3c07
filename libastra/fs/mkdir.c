#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_mkdir(const char *name, uint32_t mode)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_mkdir, (long)name, mode));
}
