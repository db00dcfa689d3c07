#include "../internal/libc.h"

int fsync(int fd) { return (int)astra_libc_ret(SYS1(fsync, fd)); }

int fdatasync(int fd) { return (int)astra_libc_ret(SYS1(fdatasync, fd)); }
