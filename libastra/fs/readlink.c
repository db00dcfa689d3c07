#include <astra/astra.h>

#include "../internal/syscall.h"

intptr_t sys_readlink(const char *path, char *buf, size_t size)
{
    return astra_ret(astra_syscall3(ASTRA_NR_readlink, (long)path, (long)buf, (long)size));
}
