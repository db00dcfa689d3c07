#include "../internal/libc.h"

_Static_assert(sizeof(struct dirent) == 280, "musl's dirent");
_Static_assert(offsetof(struct dirent, d_name) == offsetof(struct astra_dirent64, d_name),
               "a kernel record is a struct dirent");

/* The entry points into the buffer: the kernel's linux_dirent64 records are musl's struct
 * dirent (8-aligned, NUL-terminated name). NULL at the end (errno untouched) or on error. */
struct dirent *readdir(DIR *d)
{
    if (d->pos >= d->len) {
        long n = SYS3(getdents64, d->fd, d->buf, sizeof d->buf);
        if (n <= 0) {
            if (n < 0 && n != -ENOENT)
                errno = (int)-n;
            return 0;
        }
        d->len = (size_t)n;
        d->pos = 0;
    }
    struct dirent *e = (struct dirent *)(d->buf + d->pos);
    d->pos += e->d_reclen;
    return e;
}

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
struct dirent *readdir64(DIR *d) __attribute__((alias("readdir")));
