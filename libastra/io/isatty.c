#include <astra/astra.h>

#include "../internal/syscall.h"

/* A terminal is whatever answers TCGETS (the kernel's termios is 36 bytes). */
int sys_isatty(int32_t fd)
{
    unsigned char termios[64];
    long r = astra_syscall3(ASTRA_NR_ioctl, fd, ASTRA_TCGETS, (long)termios);
    if (r == 0)
        return 1;
    return r == -ASTRA_EBADF ? (int)astra_ret(r) : 0;
}
