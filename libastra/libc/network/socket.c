#include "../internal/libc.h"

int socket(int domain, int type, int proto) { return (int)astra_libc_ret(SYS3(socket, domain, type, proto)); }

int socketpair(int domain, int type, int proto, int fds[2])
{
    return (int)astra_libc_ret(SYS4(socketpair, domain, type, proto, fds));
}

int bind(int fd, const struct sockaddr *addr, socklen_t len) { return (int)astra_libc_ret(SYS3(bind, fd, addr, len)); }

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    return (int)astra_libc_ret(SYS3(connect, fd, addr, len));
}

int listen(int fd, int backlog) { return (int)astra_libc_ret(SYS2(listen, fd, backlog)); }

int shutdown(int fd, int how) { return (int)astra_libc_ret(SYS2(shutdown, fd, how)); }
