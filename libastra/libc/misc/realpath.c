#include <astra/astra.h>

#include "../internal/libc.h"

/* libastra's resolver (fs/realpath.c); NULL resolved allocates the result. */
char *realpath(const char *restrict path, char *restrict resolved)
{
    char tmp[PATH_MAX];
    if (!path) {
        errno = EINVAL;
        return 0;
    }
    long r = sys_realpath(path, tmp, sizeof tmp);
    if (astra_libc_ret(r == -ERANGE ? -ENAMETOOLONG : r) < 0)
        return 0;
    if (!resolved)
        return strdup(tmp);
    return memcpy(resolved, tmp, (size_t)r + 1);
}
