#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_rmdir(const char *name)
{
    return (int)astra_ret(astra_syscall1(ASTRA_NR_rmdir, (long)name));
}
