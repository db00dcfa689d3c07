#include "../internal/libc.h"

/* Linux closes the descriptor even when it reports EINTR: not an error to retry. */
int close(int fd)
{
    long r = SYS1(close, fd);
    return (int)astra_libc_ret(r == -EINTR ? 0 : r);
}
