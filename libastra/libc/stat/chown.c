#include "../internal/libc.h"

int chown(const char *path, uid_t uid, gid_t gid) { return (int)astra_libc_ret(SYS3(chown, path, uid, gid)); }

int fchown(int fd, uid_t uid, gid_t gid) { return (int)astra_libc_ret(SYS3(fchown, fd, uid, gid)); }

int lchown(const char *path, uid_t uid, gid_t gid) { return (int)astra_libc_ret(SYS3(lchown, path, uid, gid)); }

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
    return (int)astra_libc_ret(SYS5(fchownat, dirfd, path, uid, gid, flags));
}
