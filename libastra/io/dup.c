#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_dup(int32_t fd)
{
    return (int)astra_ret(astra_syscall1(ASTRA_NR_dup, fd));
}
