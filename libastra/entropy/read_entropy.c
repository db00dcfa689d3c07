#include <astra/astra.h>

#include "../internal/syscall.h"

/* Fills buf with up to len random bytes from the kernel. hermit-abi defines no flags yet, so
 * any flag is -EINVAL. Returns the number of bytes written. */
intptr_t sys_read_entropy(void *buf, size_t len, uint32_t flags)
{
    if (flags)
        return astra_ret(-ASTRA_EINVAL);
    if (len > 0x7fffffff)
        len = 0x7fffffff;
    long r;
    do
        r = astra_syscall3(ASTRA_NR_getrandom, (long)buf, (long)len, 0);
    while (r == -ASTRA_EINTR);
    return astra_ret(r);
}
