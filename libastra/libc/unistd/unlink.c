#include "../internal/libc.h"

int unlink(const char *path) { return (int)astra_libc_ret(SYS1(unlink, path)); }

int unlinkat(int dirfd, const char *path, int flags) { return (int)astra_libc_ret(SYS3(unlinkat, dirfd, path, flags)); }

int rmdir(const char *path) { return (int)astra_libc_ret(SYS1(rmdir, path)); }
