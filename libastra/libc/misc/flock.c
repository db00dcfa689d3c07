#include "../internal/libc.h"

int flock(int fd, int op) { return (int)astra_libc_ret(SYS2(flock, fd, op)); }
