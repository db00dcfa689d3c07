#include "../internal/libc.h"

int mknod(const char *path, mode_t mode, dev_t dev) { return (int)astra_libc_ret(SYS3(mknod, path, mode, dev)); }

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
    return (int)astra_libc_ret(SYS4(mknodat, dirfd, path, mode, dev));
}

int mkfifo(const char *path, mode_t mode) { return mknod(path, (mode & 07777) | S_IFIFO, 0); }

int mkfifoat(int dirfd, const char *path, mode_t mode) { return mknodat(dirfd, path, (mode & 07777) | S_IFIFO, 0); }
