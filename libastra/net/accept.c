#include <astra/astra.h>

#include "../internal/net.h"
#include "../internal/syscall.h"

/* The accepted socket is close-on-exec, as sys_socket's. */
int sys_accept(int32_t s, struct hermit_sockaddr *addr, hermit_socklen_t *addrlen)
{
    hermit_socklen_t capacity;
    long r = astra_sockaddr_out_begin(addr, addrlen, &capacity);
    if (r == 0)
        r = astra_syscall4(ASTRA_NR_accept4, s, (long)addr, addr ? (long)addrlen : 0, ASTRA_SOCK_CLOEXEC);
    if (!astra_is_err(r))
        astra_sockaddr_out_end(addr, addrlen, capacity);
    return (int)astra_ret(r);
}
