#include "../internal/syscall.h"

#define ASTRA_IOV_MAX 1024

/* hermit-abi passes iovcnt as usize; anything above IOV_MAX (or not an int) is -EINVAL. */
long sys_writev(int fd, const struct astra_iovec *iov, size_t iovcnt)
{
    if (iovcnt > ASTRA_IOV_MAX)
        return astra_ret(-ASTRA_EINVAL);
    return astra_ret(astra_syscall3(ASTRA_NR_writev, fd, (long)iov, (long)iovcnt));
}

long sys_readv(int fd, const struct astra_iovec *iov, size_t iovcnt)
{
    if (iovcnt > ASTRA_IOV_MAX)
        return astra_ret(-ASTRA_EINVAL);
    return astra_ret(astra_syscall3(ASTRA_NR_readv, fd, (long)iov, (long)iovcnt));
}
