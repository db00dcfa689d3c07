#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_rename(const char *oldpath, const char *newpath)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_rename, (long)oldpath, (long)newpath));
}

int sys_rename_noreplace(const char *oldpath, const char *newpath)
{
    return (int)astra_ret(astra_syscall5(ASTRA_NR_renameat2, ASTRA_AT_FDCWD, (long)oldpath, ASTRA_AT_FDCWD,
                                         (long)newpath, ASTRA_RENAME_NOREPLACE));
}
