#include "../internal/libc.h"

int tcsetattr(int fd, int act, const struct termios *t)
{
    if ((unsigned)act > TCSAFLUSH)
        return (int)astra_libc_ret(-EINVAL);
    return (int)astra_libc_ret(SYS3(ioctl, fd, ASTRA_TCSETS + act, t));
}

int tcdrain(int fd) { return (int)astra_libc_ret(SYS3(ioctl, fd, ASTRA_TCSBRK, 1)); }

int tcflush(int fd, int queue) { return (int)astra_libc_ret(SYS3(ioctl, fd, ASTRA_TCFLSH, queue)); }

pid_t tcgetpgrp(int fd)
{
    int pgrp;
    long r = SYS3(ioctl, fd, ASTRA_TIOCGPGRP, &pgrp);
    return r < 0 ? (pid_t)astra_libc_ret(r) : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    int p = pgrp;
    return (int)astra_libc_ret(SYS3(ioctl, fd, ASTRA_TIOCSPGRP, &p));
}

int tcsendbreak(int fd, int duration)
{
    (void)duration;
    return (int)astra_libc_ret(SYS3(ioctl, fd, ASTRA_TCSBRK, 0));
}

#define TCXONC 0x540A

int tcflow(int fd, int action) { return (int)astra_libc_ret(SYS3(ioctl, fd, TCXONC, action)); }

pid_t tcgetsid(int fd)
{
    int sid;
    long r = SYS3(ioctl, fd, ASTRA_TIOCGSID, &sid);
    return r < 0 ? (pid_t)astra_libc_ret(r) : sid;
}
