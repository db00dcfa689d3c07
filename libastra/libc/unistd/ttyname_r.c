#include "../internal/libc.h"

/* The terminal's path, from /proc/self/fd (Linux; ENOSYS-like failures where there is no
 * /proc are reported as the readlink error). Returns the error number. */
int ttyname_r(int fd, char *name, size_t len)
{
    if (!isatty(fd))
        return errno;
    char path[32] = "/proc/self/fd/";
    char digits[16], *d = astra_libc_utoa((unsigned long)fd, digits + sizeof digits);
    memcpy(path + 14, d, (size_t)(digits + sizeof digits - d));
    path[14 + (digits + sizeof digits - d)] = 0;
    long r = SYS3(readlink, path, name, len);
    if (r < 0)
        return (int)-r;
    if ((size_t)r >= len)
        return ERANGE;
    name[r] = 0;
    return 0;
}
