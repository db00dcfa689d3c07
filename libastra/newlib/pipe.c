#include <fcntl.h>
#include <unistd.h>

#include "newlib_layer.h"

/* Only O_CLOEXEC and O_NONBLOCK are pipe2's flags; the kernel refuses anything else. */
int pipe2(int fds[2], int flags)
{
    int lflags = astra_newlib_open_flags(flags);
    if (lflags < 0 || (flags & O_ACCMODE))
        return (int)astra_newlib_ret(-ASTRA_EINVAL);
    return (int)astra_newlib_ret(astra_syscall2(ASTRA_NR_pipe2, (long)fds, lflags));
}

int pipe(int fds[2]) { return pipe2(fds, 0); }

int dup(int fd) { return (int)astra_newlib_ret(astra_syscall1(ASTRA_NR_dup, fd)); }

int dup2(int fd, int newfd) { return (int)astra_newlib_ret(astra_syscall2(ASTRA_NR_dup2, fd, newfd)); }

int dup3(int fd, int newfd, int flags)
{
    int lflags = astra_newlib_open_flags(flags);
    if (lflags < 0 || (flags & O_ACCMODE))
        return (int)astra_newlib_ret(-ASTRA_EINVAL);
    return (int)astra_newlib_ret(astra_syscall3(ASTRA_NR_dup3, fd, newfd, lflags));
}
