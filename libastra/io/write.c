#include "../internal/syscall.h"

long sys_write(int fd, const void *buf, size_t len)
{
    return astra_ret(astra_syscall3(ASTRA_NR_write, fd, (long)buf, (long)len));
}
