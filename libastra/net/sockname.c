#include <astra/astra.h>

#include "../internal/net.h"
#include "../internal/syscall.h"

static int name_call(long nr, int32_t s, struct hermit_sockaddr *name, hermit_socklen_t *namelen)
{
    hermit_socklen_t capacity;
    long r = astra_sockaddr_out_begin(name, namelen, &capacity);
    if (r == 0)
        r = astra_syscall3(nr, s, (long)name, (long)namelen);
    if (!astra_is_err(r))
        astra_sockaddr_out_end(name, namelen, capacity);
    return (int)astra_ret(r);
}

int sys_getsockname(int32_t s, struct hermit_sockaddr *name, hermit_socklen_t *namelen)
{
    return name_call(ASTRA_NR_getsockname, s, name, namelen);
}

int sys_getpeername(int32_t s, struct hermit_sockaddr *name, hermit_socklen_t *namelen)
{
    return name_call(ASTRA_NR_getpeername, s, name, namelen);
}
