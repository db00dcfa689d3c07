#include "../internal/libc.h"

/* The microsecond calls on utimensat. */
static const struct timespec *to_timespec(const struct timeval tv[2], struct timespec ts[2])
{
    if (!tv)
        return 0;
    for (int i = 0; i < 2; i++) {
        if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
            return (const struct timespec *)-1;
        ts[i] = (struct timespec){ tv[i].tv_sec, tv[i].tv_usec * 1000 };
    }
    return ts;
}

static int set_times(int fd, const char *path, const struct timeval tv[2], int flags)
{
    struct timespec ts[2];
    const struct timespec *p = to_timespec(tv, ts);
    if (p == (const struct timespec *)-1)
        return (int)astra_libc_ret(-EINVAL);
    return (int)astra_libc_ret(SYS4(utimensat, fd, path, p, flags));
}

int utimes(const char *path, const struct timeval tv[2]) { return set_times(AT_FDCWD, path, tv, 0); }

int lutimes(const char *path, const struct timeval tv[2]) { return set_times(AT_FDCWD, path, tv, AT_SYMLINK_NOFOLLOW); }

int futimes(int fd, const struct timeval tv[2]) { return set_times(fd, 0, tv, 0); }
