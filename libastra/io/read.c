#include <astra/astra.h>

#include "../internal/syscall.h"

intptr_t sys_read(int32_t fd, void *buf, size_t len)
{
    return astra_ret(astra_syscall3(ASTRA_NR_read, fd, (long)buf, (long)len));
}
