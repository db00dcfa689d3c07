#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_dup(int32_t fd)
{
    return (int)astra_ret(astra_syscall1(ASTRA_NR_dup, fd));
}

/* The lowest free descriptor >= 0 for the same open file, closed on exec (F_DUPFD_CLOEXEC):
 * what std uses, so that no descriptor leaks into a child process. */
int sys_dup_cloexec(int32_t fd)
{
    return (int)astra_ret(astra_syscall3(ASTRA_NR_fcntl, fd, ASTRA_F_DUPFD_CLOEXEC, 0));
}
