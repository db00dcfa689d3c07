#include "../internal/libc.h"

int ioctl(int fd, int req, ...)
{
    va_list ap;
    va_start(ap, req);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    return (int)astra_libc_ret(SYS3(ioctl, fd, (unsigned)req, arg));
}
