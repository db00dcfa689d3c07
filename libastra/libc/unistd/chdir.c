#include "../internal/libc.h"

int chdir(const char *path) { return (int)astra_libc_ret(SYS1(chdir, path)); }

int fchdir(int fd) { return (int)astra_libc_ret(SYS1(fchdir, fd)); }

int chroot(const char *path) { return (int)astra_libc_ret(SYS1(chroot, path)); }
