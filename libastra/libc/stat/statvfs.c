#include "../internal/libc.h"

/* The kernel's struct statfs (Linux x86_64), turned into POSIX's statvfs as musl does. */
struct kernel_statfs {
    long f_type, f_bsize;
    unsigned long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int f_fsid[2];
    long f_namelen, f_frsize, f_flags, f_spare[4];
};

static void to_statvfs(const struct kernel_statfs *k, struct statvfs *s)
{
    memset(s, 0, sizeof *s);
    s->f_bsize = (unsigned long)k->f_bsize;
    s->f_frsize = (unsigned long)(k->f_frsize ? k->f_frsize : k->f_bsize);
    s->f_blocks = k->f_blocks;
    s->f_bfree = k->f_bfree;
    s->f_bavail = k->f_bavail;
    s->f_files = k->f_files;
    s->f_ffree = k->f_ffree;
    s->f_favail = k->f_ffree;
    s->f_fsid = (unsigned)k->f_fsid[0];
    s->f_flag = (unsigned long)k->f_flags & ~0x20UL; /* ST_VALID: the kernel's, not a mount flag */
    s->f_type = (unsigned)k->f_type;
    s->f_namemax = (unsigned long)k->f_namelen;
}

int statvfs(const char *restrict path, struct statvfs *restrict s)
{
    struct kernel_statfs k;
    long r = SYS2(statfs, path, &k);
    if (r == 0)
        to_statvfs(&k, s);
    return (int)astra_libc_ret(r);
}

int fstatvfs(int fd, struct statvfs *s)
{
    struct kernel_statfs k;
    long r = SYS2(fstatfs, fd, &k);
    if (r == 0)
        to_statvfs(&k, s);
    return (int)astra_libc_ret(r);
}

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
int statvfs64(const char *restrict path, struct statvfs *restrict s) __attribute__((alias("statvfs")));
int fstatvfs64(int fd, struct statvfs *s) __attribute__((alias("fstatvfs")));
