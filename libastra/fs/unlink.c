#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_unlink(const char *name)
{
    return (int)astra_ret(astra_syscall1(ASTRA_NR_unlink, (long)name));
}
