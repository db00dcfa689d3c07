#include <stddef.h>

#include "newlib_layer.h"

/* getentropy(3): at most 256 bytes, all or nothing (newlib's arc4random uses it). */
int getentropy(void *buf, size_t len)
{
    if (len > 256)
        return (int)astra_newlib_ret(-ASTRA_EIO);
    unsigned char *p = buf;
    while (len) {
        long r = astra_syscall3(ASTRA_NR_getrandom, (long)p, (long)len, 0);
        if (r == -ASTRA_EINTR)
            continue;
        if (astra_is_err(r))
            return (int)astra_newlib_ret(r);
        p += r;
        len -= (size_t)r;
    }
    return 0;
}
