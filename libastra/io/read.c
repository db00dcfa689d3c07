#include "../internal/syscall.h"

long sys_read(int fd, void *buf, size_t len)
{
    return astra_ret(astra_syscall3(ASTRA_NR_read, fd, (long)buf, (long)len));
}
