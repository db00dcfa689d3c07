#include <astra/astra.h>

#include "../internal/net.h"
#include "../internal/syscall.h"
#include "../internal/translate.h"

/* MSG_NOSIGNAL always: Astra programs get -EPIPE, never a signal. */
intptr_t sys_sendto(int32_t s, const void *mem, size_t len, int32_t flags,
                    const struct hermit_sockaddr *to, hermit_socklen_t tolen)
{
    int lflags = astra_msg_flags_from_hermit(flags);
    if (lflags < 0)
        return astra_ret(-ASTRA_EINVAL);
    struct astra_sockaddr_storage sa;
    long salen = 0;
    if (to && (salen = astra_sockaddr_in(to, tolen, &sa)) < 0)
        return astra_ret(salen);
    return astra_ret(astra_syscall6(ASTRA_NR_sendto, s, (long)mem, (long)len,
                                    lflags | ASTRA_MSG_NOSIGNAL, to ? (long)&sa : 0, salen));
}

intptr_t sys_send(int32_t s, const void *mem, size_t len, int32_t flags)
{
    return sys_sendto(s, mem, len, flags, 0, 0);
}
