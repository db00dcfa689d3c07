#include "../internal/libc.h"

int chmod(const char *path, mode_t mode) { return (int)astra_libc_ret(SYS2(chmod, path, mode)); }

int fchmod(int fd, mode_t mode) { return (int)astra_libc_ret(SYS2(fchmod, fd, mode)); }

/* The kernel's fchmodat has no flags; AT_SYMLINK_NOFOLLOW is refused as Linux refuses it
 * for symbolic links (musl falls back to O_PATH tricks, which the kernel lacks). */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
    if (flags & ~AT_SYMLINK_NOFOLLOW)
        return (int)astra_libc_ret(-EINVAL);
    if (flags)
        return (int)astra_libc_ret(-EOPNOTSUPP);
    return (int)astra_libc_ret(SYS3(fchmodat, dirfd, path, mode));
}
