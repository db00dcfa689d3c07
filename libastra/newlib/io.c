#include <sys/types.h>

#include "newlib_layer.h"

int _read(int fd, void *buf, size_t len)
{
    return (int)astra_newlib_ret(astra_syscall3(ASTRA_NR_read, fd, (long)buf, (long)len));
}

int _write(int fd, const void *buf, size_t len)
{
    return (int)astra_newlib_ret(astra_syscall3(ASTRA_NR_write, fd, (long)buf, (long)len));
}

int _close(int fd) { return (int)astra_newlib_ret(astra_syscall1(ASTRA_NR_close, fd)); }

/* SEEK_SET/CUR/END have the same values in newlib and Linux. */
off_t _lseek(int fd, off_t offset, int whence)
{
    return astra_newlib_ret(astra_syscall3(ASTRA_NR_lseek, fd, offset, whence));
}

/* A terminal is whatever answers TCGETS; the kernel's termios is 36 bytes. */
int _isatty(int fd)
{
    unsigned char termios[64];
    long r = astra_syscall3(ASTRA_NR_ioctl, fd, ASTRA_TCGETS, (long)termios);
    if (r == 0)
        return 1;
    astra_newlib_set_errno(r == -ASTRA_EBADF ? ASTRA_EBADF : ASTRA_ENOTTY);
    return 0;
}

ASTRA_POSIX_ALIAS(_read, read);
ASTRA_POSIX_ALIAS(_write, write);
ASTRA_POSIX_ALIAS(_close, close);
ASTRA_POSIX_ALIAS(_lseek, lseek);
ASTRA_POSIX_ALIAS(_isatty, isatty);
