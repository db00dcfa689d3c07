#include <astra/astra.h>

#include "../internal/net.h"
#include "../internal/syscall.h"

int sys_bind(int32_t s, const struct hermit_sockaddr *name, hermit_socklen_t namelen)
{
    struct astra_sockaddr_storage sa;
    long len = astra_sockaddr_in(name, namelen, &sa);
    if (len < 0)
        return (int)astra_ret(len);
    return (int)astra_ret(astra_syscall3(ASTRA_NR_bind, s, (long)&sa, len));
}
