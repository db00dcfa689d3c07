#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/uaccess.h"

/* hermit's timespec has a 32-bit tv_nsec: the caller's pair is copied in and widened (a bad
 * pointer is -EFAULT before anything else, as on Linux); the kernel checks the values. */
static long utimensat(int dirfd, const char *path, const struct hermit_timespec times[2], int flags)
{
    struct astra_timespec wide[2];
    if (times) {
        struct hermit_timespec t[2];
        long r = astra_copy_from_user(t, times, sizeof t);
        if (r)
            return r;
        for (int i = 0; i < 2; i++)
            wide[i] = (struct astra_timespec){ t[i].tv_sec, t[i].tv_nsec };
    }
    return astra_syscall4(ASTRA_NR_utimensat, dirfd, (long)path, times ? (long)wide : 0, flags);
}

int sys_utimens(const char *path, const struct hermit_timespec times[2], int32_t nofollow)
{
    return (int)astra_ret(utimensat(ASTRA_AT_FDCWD, path, times, nofollow ? ASTRA_AT_SYMLINK_NOFOLLOW : 0));
}

/* A negative fd is -EBADF, as glibc's futimens makes it (utimensat would take AT_FDCWD with
 * no path as -EFAULT). */
int sys_futimens(int32_t fd, const struct hermit_timespec times[2])
{
    if (fd < 0)
        return (int)astra_ret(-ASTRA_EBADF);
    return (int)astra_ret(utimensat(fd, 0, times, 0));
}
