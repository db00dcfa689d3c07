#include <fcntl.h>
#include <stdarg.h>

#include "newlib_layer.h"

/* newlib's open flags have their own values; each known one maps to Linux's. */
static const struct { int newlib, linux_flag; } open_flags[] = {
    { O_CREAT, ASTRA_O_CREAT },         { O_EXCL, ASTRA_O_EXCL },
    { O_TRUNC, ASTRA_O_TRUNC },         { O_APPEND, ASTRA_O_APPEND },
    { O_NONBLOCK, ASTRA_O_NONBLOCK },   { O_NOCTTY, ASTRA_O_NOCTTY },
    { O_SYNC, ASTRA_O_SYNC },           { O_CLOEXEC, ASTRA_O_CLOEXEC },
    { O_DIRECTORY, ASTRA_O_DIRECTORY }, { O_NOFOLLOW, ASTRA_O_NOFOLLOW },
};

/* Returns the Linux flags for newlib's `flags`, or -1 when an unknown bit is set. */
int astra_newlib_open_flags(int flags)
{
    int out = flags & O_ACCMODE, seen = O_ACCMODE;
    for (unsigned i = 0; i < sizeof open_flags / sizeof open_flags[0]; i++) {
        seen |= open_flags[i].newlib;
        if (flags & open_flags[i].newlib)
            out |= open_flags[i].linux_flag;
    }
    return (flags & ~seen) ? -1 : out;
}

int _open(const char *path, int flags, ...)
{
    unsigned mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, unsigned);
        va_end(ap);
    }
    int lflags = astra_newlib_open_flags(flags);
    if (lflags < 0)
        return (int)astra_newlib_ret(-ASTRA_EINVAL);
    return (int)astra_newlib_ret(astra_syscall3(ASTRA_NR_open, (long)path, lflags, mode));
}

/* F_GETFL results are translated back; F_SETFL arguments forward. */
int _fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    int arg = va_arg(ap, int); /* every supported command takes an int (or nothing) */
    va_end(ap);
    switch (cmd) {
    case F_DUPFD:
        return (int)astra_newlib_ret(astra_syscall3(ASTRA_NR_fcntl, fd, ASTRA_F_DUPFD, arg));
    case F_GETFD:
    case F_SETFD:
        return (int)astra_newlib_ret(astra_syscall3(
            ASTRA_NR_fcntl, fd, cmd == F_GETFD ? ASTRA_F_GETFD : ASTRA_F_SETFD, arg));
    case F_SETFL: {
        int lflags = astra_newlib_open_flags(arg);
        if (lflags < 0)
            return (int)astra_newlib_ret(-ASTRA_EINVAL);
        return (int)astra_newlib_ret(astra_syscall3(ASTRA_NR_fcntl, fd, ASTRA_F_SETFL, lflags));
    }
    case F_GETFL: {
        long r = astra_syscall2(ASTRA_NR_fcntl, fd, ASTRA_F_GETFL);
        if (astra_is_err(r))
            return (int)astra_newlib_ret(r);
        int out = (int)r & O_ACCMODE;
        for (unsigned i = 0; i < sizeof open_flags / sizeof open_flags[0]; i++)
            if ((r & open_flags[i].linux_flag) == open_flags[i].linux_flag)
                out |= open_flags[i].newlib;
        return out;
    }
    default:
        return (int)astra_newlib_ret(-ASTRA_EINVAL);
    }
}

ASTRA_POSIX_ALIAS(_open, open);
ASTRA_POSIX_ALIAS(_fcntl, fcntl);
