#include "../internal/libc.h"

int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    unsigned long arg = va_arg(ap, unsigned long);
    va_end(ap);
    return (int)astra_libc_ret(SYS3(fcntl, fd, cmd, arg));
}
