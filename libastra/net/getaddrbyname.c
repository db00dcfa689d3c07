#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/uaccess.h"

/* The first address of name through sys_getaddrinfo: an IPv4 one for len 4 (in_addr), an
 * IPv6 one for len 16 (in6_addr). -EINVAL for another len, -ENOENT when there is none. */
int sys_getaddrbyname(const char *name, void *inaddr, size_t len)
{
    if (len != 4 && len != 16)
        return (int)astra_ret(-ASTRA_EINVAL);
    if (!name)
        return (int)astra_ret(-ASTRA_EFAULT);
    struct hermit_addrinfo hints = { .ai_family = len == 4 ? HERMIT_AF_INET : HERMIT_AF_INET6,
                                     .ai_socktype = HERMIT_SOCK_STREAM };
    struct hermit_addrinfo *res = 0;
    int eai = sys_getaddrinfo(name, 0, &hints, &res);
    if (eai == HERMIT_EAI_SYSTEM)
        return (int)astra_ret(-sys_get_errno());
    if (eai == HERMIT_EAI_MEMORY)
        return (int)astra_ret(-ASTRA_ENOMEM);
    if (eai)
        return (int)astra_ret(-ASTRA_ENOENT);
    const void *addr = len == 4 ? (const void *)&((struct hermit_sockaddr_in *)res->ai_addr)->sin_addr
                                : (const void *)&((struct hermit_sockaddr_in6 *)res->ai_addr)->sin6_addr;
    long r = astra_copy_to_user(inaddr, addr, len);
    sys_freeaddrinfo(res);
    return (int)astra_ret(r);
}
