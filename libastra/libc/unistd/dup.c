#include "../internal/libc.h"

int dup(int fd) { return (int)astra_libc_ret(SYS1(dup, fd)); }

int dup2(int fd, int newfd) { return (int)astra_libc_ret(SYS2(dup2, fd, newfd)); }

int dup3(int fd, int newfd, int flags) { return (int)astra_libc_ret(SYS3(dup3, fd, newfd, flags)); }
