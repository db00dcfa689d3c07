#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_symlink(const char *target, const char *linkpath)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_symlink, (long)target, (long)linkpath));
}
