#include <sys/types.h>

#include "newlib_layer.h"

int _link(const char *oldpath, const char *newpath)
{
    return (int)astra_newlib_ret(astra_syscall2(ASTRA_NR_link, (long)oldpath, (long)newpath));
}

int _unlink(const char *path)
{
    return (int)astra_newlib_ret(astra_syscall1(ASTRA_NR_unlink, (long)path));
}

int _mkdir(const char *path, mode_t mode)
{
    return (int)astra_newlib_ret(astra_syscall2(ASTRA_NR_mkdir, (long)path, (long)mode));
}

ASTRA_POSIX_ALIAS(_link, link);
ASTRA_POSIX_ALIAS(_unlink, unlink);
ASTRA_POSIX_ALIAS(_mkdir, mkdir);
