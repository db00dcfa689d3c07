#include "../internal/libc.h"

/* With buf NULL, a buffer of the path's size is allocated (glibc and musl extension). */
char *getcwd(char *buf, size_t n)
{
    char tmp[PATH_MAX];
    if (!buf) {
        long r = SYS2(getcwd, tmp, sizeof tmp);
        if (astra_libc_ret(r) < 0)
            return 0;
        if (n && (size_t)r > n) {
            errno = ERANGE;
            return 0;
        }
        return strdup(tmp);
    }
    if (!n) {
        errno = EINVAL;
        return 0;
    }
    return astra_libc_ret(SYS2(getcwd, buf, n)) < 0 ? 0 : buf;
}
