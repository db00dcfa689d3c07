#include "../internal/libc.h"

ssize_t getrandom(void *buf, size_t n, unsigned flags) { return astra_libc_ret(SYS3(getrandom, buf, n, flags)); }

/* At most 256 bytes, all of them (retrying short reads and interruptions). */
int getentropy(void *buf, size_t n)
{
    if (n > 256)
        return (int)astra_libc_ret(-EIO);
    for (unsigned char *p = buf; n;) {
        long r = SYS3(getrandom, p, n, 0);
        if (r == -EINTR)
            continue;
        if (r < 0)
            return (int)astra_libc_ret(r);
        p += r;
        n -= (size_t)r;
    }
    return 0;
}
