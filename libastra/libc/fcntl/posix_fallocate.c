#include "../internal/libc.h"

/* Both return the error number, as POSIX specifies. */
int posix_fallocate(int fd, off_t off, off_t len) { return astra_libc_errnum(SYS4(fallocate, fd, 0, off, len)); }

int posix_fadvise(int fd, off_t off, off_t len, int advice)
{
    return astra_libc_errnum(SYS4(fadvise64, fd, off, len, advice));
}

int fallocate(int fd, int mode, off_t off, off_t len) { return (int)astra_libc_ret(SYS4(fallocate, fd, mode, off, len)); }

int posix_fallocate64(int fd, off_t off, off_t len) __attribute__((alias("posix_fallocate")));
int posix_fadvise64(int fd, off_t off, off_t len, int advice) __attribute__((alias("posix_fadvise")));
int fallocate64(int fd, int mode, off_t off, off_t len) __attribute__((alias("fallocate")));
