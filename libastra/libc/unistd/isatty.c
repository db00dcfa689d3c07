#include "../internal/libc.h"

/* 1 for a terminal; 0 with errno (ENOTTY, EBADF) otherwise. */
int isatty(int fd)
{
    struct astra_winsize ws;
    long r = SYS3(ioctl, fd, ASTRA_TIOCGWINSZ, &ws);
    return astra_libc_ret(r) == 0;
}
