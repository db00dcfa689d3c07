#include "../internal/libc.h"

int accept(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
    return (int)astra_libc_ret(SYS3(accept, fd, addr, len));
}

int accept4(int fd, struct sockaddr *restrict addr, socklen_t *restrict len, int flags)
{
    return (int)astra_libc_ret(SYS4(accept4, fd, addr, len, flags));
}
