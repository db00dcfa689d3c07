#include <astra/astra.h>

#include "../internal/syscall.h"

/* hermit-abi passes iovcnt as usize; anything above IOV_MAX (or not an int) is -EINVAL. */
intptr_t sys_writev(int32_t fd, const struct hermit_iovec *iov, size_t iovcnt)
{
    if (iovcnt > HERMIT_IOV_MAX)
        return astra_ret(-ASTRA_EINVAL);
    return astra_ret(astra_syscall3(ASTRA_NR_writev, fd, (long)iov, (long)iovcnt));
}

intptr_t sys_readv(int32_t fd, const struct hermit_iovec *iov, size_t iovcnt)
{
    if (iovcnt > HERMIT_IOV_MAX)
        return astra_ret(-ASTRA_EINVAL);
    return astra_ret(astra_syscall3(ASTRA_NR_readv, fd, (long)iov, (long)iovcnt));
}
