#include <astra/astra.h>

#include "../internal/syscall.h"

intptr_t sys_getcwd(char *buf, size_t size)
{
    return astra_ret(astra_syscall2(ASTRA_NR_getcwd, (long)buf, (long)size));
}
