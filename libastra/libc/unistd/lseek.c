#include "../internal/libc.h"

off_t lseek(int fd, off_t off, int whence) { return astra_libc_ret(SYS3(lseek, fd, off, whence)); }
