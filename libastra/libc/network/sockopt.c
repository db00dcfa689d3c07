#include "../internal/libc.h"

int getsockopt(int fd, int level, int name, void *restrict val, socklen_t *restrict len)
{
    return (int)astra_libc_ret(SYS5(getsockopt, fd, level, name, val, len));
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
    return (int)astra_libc_ret(SYS5(setsockopt, fd, level, name, val, len));
}

int getsockname(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
    return (int)astra_libc_ret(SYS3(getsockname, fd, addr, len));
}

int getpeername(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
    return (int)astra_libc_ret(SYS3(getpeername, fd, addr, len));
}
