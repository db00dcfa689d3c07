#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_pipe2(int32_t fds[2], int32_t flags)
{
    if (flags & ~(ASTRA_O_CLOEXEC | ASTRA_O_NONBLOCK))
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall2(ASTRA_NR_pipe2, (long)fds, flags));
}
