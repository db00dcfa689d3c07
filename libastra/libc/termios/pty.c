#include "../internal/libc.h"

#define TIOCGPTN 0x80045430
#define TIOCSPTLCK 0x40045431

int posix_openpt(int flags) { return open("/dev/ptmx", flags); }

int grantpt(int fd)
{
    (void)fd;
    return 0;
}

int unlockpt(int fd)
{
    int unlock = 0;
    return (int)astra_libc_ret(SYS3(ioctl, fd, TIOCSPTLCK, &unlock));
}

/* Returns the error number. */
int ptsname_r(int fd, char *buf, size_t len)
{
    unsigned n;
    long r = SYS3(ioctl, fd, TIOCGPTN, &n);
    if (r < 0)
        return (int)-r;
    char digits[16], *d = astra_libc_utoa(n, digits + sizeof digits);
    size_t k = (size_t)(digits + sizeof digits - d);
    if (len < 9 + k + 1)
        return ERANGE;
    memcpy(buf, "/dev/pts/", 9);
    memcpy(buf + 9, d, k);
    buf[9 + k] = 0;
    return 0;
}

char *ptsname(int fd)
{
    static char buf[32];
    int r = ptsname_r(fd, buf, sizeof buf);
    if (r) {
        errno = r;
        return 0;
    }
    return buf;
}

int openpty(int *master, int *slave, char *name, const struct termios *tio, const struct winsize *ws)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0)
        return -1;
    char path[32];
    int r = unlockpt(m) < 0 ? errno : ptsname_r(m, path, sizeof path);
    int s = r ? -1 : open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) {
        if (r)
            errno = r;
        close(m);
        return -1;
    }
    if (tio)
        tcsetattr(s, TCSANOW, tio);
    if (ws)
        ioctl(s, ASTRA_TIOCSWINSZ, ws);
    if (name)
        strcpy(name, path);
    *master = m;
    *slave = s;
    return 0;
}
