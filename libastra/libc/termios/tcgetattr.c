#include "../internal/libc.h"

/* musl's struct termios begins with the kernel's (TCGETS fills 36 of its 60 bytes). */
int tcgetattr(int fd, struct termios *t)
{
    memset(t, 0, sizeof *t);
    return (int)astra_libc_ret(SYS3(ioctl, fd, ASTRA_TCGETS, t));
}
