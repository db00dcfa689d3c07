#include <astra/astra.h>

#include "../internal/net.h"
#include "../internal/syscall.h"
#include "../internal/translate.h"

intptr_t sys_recvfrom(int32_t s, void *buf, size_t len, int32_t flags,
                      struct hermit_sockaddr *addr, hermit_socklen_t *addrlen)
{
    int lflags = astra_msg_flags_from_hermit(flags);
    if (lflags < 0)
        return astra_ret(-ASTRA_EINVAL);
    hermit_socklen_t capacity;
    long r = astra_sockaddr_out_begin(addr, addrlen, &capacity);
    if (r == 0)
        r = astra_syscall6(ASTRA_NR_recvfrom, s, (long)buf, (long)len, lflags, (long)addr,
                           addr ? (long)addrlen : 0);
    if (!astra_is_err(r))
        astra_sockaddr_out_end(addr, addrlen, capacity);
    return astra_ret(r);
}

intptr_t sys_recv(int32_t s, void *buf, size_t len, int32_t flags)
{
    return sys_recvfrom(s, buf, len, flags, 0, 0);
}
