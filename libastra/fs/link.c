#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_link(const char *oldpath, const char *newpath)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_link, (long)oldpath, (long)newpath));
}
