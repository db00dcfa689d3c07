#include <astra/astra.h>

#include "../internal/net.h"
#include "../internal/syscall.h"

/* On a non-blocking socket this returns -EINPROGRESS; poll for POLLOUT, then SO_ERROR. */
int sys_connect(int32_t s, const struct hermit_sockaddr *name, hermit_socklen_t namelen)
{
    struct astra_sockaddr_storage sa;
    long len = astra_sockaddr_in(name, namelen, &sa);
    if (len < 0)
        return (int)astra_ret(len);
    return (int)astra_ret(astra_syscall3(ASTRA_NR_connect, s, (long)&sa, len));
}
