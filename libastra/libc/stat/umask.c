#include "../internal/libc.h"

/* The kernel's umask; where it has none (ENOSYS) the mask is kept here, so that
 * umask(umask(0)) still reads it back, though the kernel then applies none. */
static mode_t fallback = 022;

mode_t umask(mode_t m)
{
    long r = SYS1(umask, m & 0777);
    if (r >= 0)
        return (mode_t)r;
    mode_t old = fallback;
    fallback = m & 0777;
    return old;
}
