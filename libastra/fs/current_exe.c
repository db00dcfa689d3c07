#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/uaccess.h"

/* Linux and Astra both name the running program's file in /proc/self/exe. */
intptr_t sys_current_exe(char *buf, size_t size)
{
    char path[ASTRA_PATH_MAX];
    long len = astra_syscall3(ASTRA_NR_readlink, (long)"/proc/self/exe", (long)path, sizeof path - 1);
    if (len <= 0)
        return astra_ret(-ASTRA_ENOENT);
    path[len] = 0;
    if ((size_t)len + 1 > size)
        return astra_ret(-ASTRA_ERANGE);
    long r = astra_copy_to_user(buf, path, (size_t)len + 1);
    return astra_ret(r ? r : len);
}
