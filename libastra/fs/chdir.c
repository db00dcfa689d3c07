#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_chdir(const char *path)
{
    return (int)astra_ret(astra_syscall1(ASTRA_NR_chdir, (long)path));
}
