#include <astra/astra.h>

#include "../internal/syscall.h"

intptr_t sys_write(int32_t fd, const void *buf, size_t len)
{
    return astra_ret(astra_syscall3(ASTRA_NR_write, fd, (long)buf, (long)len));
}
