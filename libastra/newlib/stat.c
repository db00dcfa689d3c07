#include <sys/stat.h>

#include "newlib_layer.h"

/* The file type bits (S_IF*) and permission bits have the same values on both sides. */
static void to_newlib_stat(const struct astra_stat *in, struct stat *out)
{
    *out = (struct stat){ 0 };
    out->st_dev = (dev_t)in->st_dev;
    out->st_ino = (ino_t)in->st_ino;
    out->st_mode = (mode_t)in->st_mode;
    out->st_nlink = (nlink_t)in->st_nlink;
    out->st_uid = (uid_t)in->st_uid;
    out->st_gid = (gid_t)in->st_gid;
    out->st_rdev = (dev_t)in->st_rdev;
    out->st_size = (off_t)in->st_size;
    out->st_blksize = (blksize_t)in->st_blksize;
    out->st_blocks = (blkcnt_t)in->st_blocks;
    out->st_atim.tv_sec = in->st_atim.tv_sec;
    out->st_atim.tv_nsec = in->st_atim.tv_nsec;
    out->st_mtim.tv_sec = in->st_mtim.tv_sec;
    out->st_mtim.tv_nsec = in->st_mtim.tv_nsec;
    out->st_ctim.tv_sec = in->st_ctim.tv_sec;
    out->st_ctim.tv_nsec = in->st_ctim.tv_nsec;
}

int _fstat(int fd, struct stat *st)
{
    struct astra_stat ks;
    if (!st)
        return (int)astra_newlib_ret(-ASTRA_EFAULT);
    long r = astra_syscall2(ASTRA_NR_fstat, fd, (long)&ks);
    if (r == 0)
        to_newlib_stat(&ks, st);
    return (int)astra_newlib_ret(r);
}

int _stat(const char *path, struct stat *st)
{
    struct astra_stat ks;
    if (!st)
        return (int)astra_newlib_ret(-ASTRA_EFAULT);
    long r = astra_syscall2(ASTRA_NR_stat, (long)path, (long)&ks);
    if (r == 0)
        to_newlib_stat(&ks, st);
    return (int)astra_newlib_ret(r);
}

ASTRA_POSIX_ALIAS(_fstat, fstat);
ASTRA_POSIX_ALIAS(_stat, stat);
