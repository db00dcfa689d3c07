#include <astra/astra.h>

#include "../internal/syscall.h"

/* The network lives in the kernel and needs no set-up; this reports whether it is there. */
int sys_network_init(void)
{
    long s = astra_syscall3(ASTRA_NR_socket, ASTRA_AF_INET, ASTRA_SOCK_DGRAM | ASTRA_SOCK_CLOEXEC, 0);
    if (astra_is_err(s))
        return (int)astra_ret(s);
    astra_syscall1(ASTRA_NR_close, s);
    return 0;
}
