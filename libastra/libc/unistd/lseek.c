#include "../internal/libc.h"

off_t lseek(int fd, off_t off, int whence) { return astra_libc_ret(SYS3(lseek, fd, off, whence)); }

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
off_t lseek64(int fd, off_t off, int whence) __attribute__((alias("lseek")));
