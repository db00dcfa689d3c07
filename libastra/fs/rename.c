#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_rename(const char *oldpath, const char *newpath)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_rename, (long)oldpath, (long)newpath));
}
