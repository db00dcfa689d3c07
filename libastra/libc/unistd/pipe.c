#include "../internal/libc.h"

int pipe(int fds[2]) { return (int)astra_libc_ret(SYS1(pipe, fds)); }

int pipe2(int fds[2], int flags) { return (int)astra_libc_ret(SYS2(pipe2, fds, flags)); }
