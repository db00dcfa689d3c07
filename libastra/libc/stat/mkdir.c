#include "../internal/libc.h"

int mkdir(const char *path, mode_t mode) { return (int)astra_libc_ret(SYS2(mkdir, path, mode)); }

int mkdirat(int dirfd, const char *path, mode_t mode) { return (int)astra_libc_ret(SYS3(mkdirat, dirfd, path, mode)); }
