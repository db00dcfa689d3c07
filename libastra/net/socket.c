#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"

/* Protocol numbers (IPPROTO_*) are the same on both sides. The socket is close-on-exec, as
 * every descriptor Rust's std creates on Linux: hermit-abi has no exec, so no caller of the
 * contract expects a child process to inherit it. */
int sys_socket(int32_t domain, int32_t type, int32_t protocol)
{
    int family = astra_af_from_hermit(domain);
    int ltype = astra_socktype_from_hermit(type);
    if (family < 0 || family == ASTRA_AF_UNSPEC)
        return (int)astra_ret(-ASTRA_EAFNOSUPPORT);
    if (ltype < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall3(ASTRA_NR_socket, family, ltype | ASTRA_SOCK_CLOEXEC, protocol));
}
