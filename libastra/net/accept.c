#include <astra/astra.h>

#include "../internal/net.h"
#include "../internal/syscall.h"

int sys_accept(int32_t s, struct hermit_sockaddr *addr, hermit_socklen_t *addrlen)
{
    hermit_socklen_t capacity;
    long r = astra_sockaddr_out_begin(addr, addrlen, &capacity);
    if (r == 0)
        r = astra_syscall3(ASTRA_NR_accept, s, (long)addr, addr ? (long)addrlen : 0);
    if (!astra_is_err(r))
        astra_sockaddr_out_end(addr, addrlen, capacity);
    return (int)astra_ret(r);
}
