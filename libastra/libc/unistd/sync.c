#include "../internal/libc.h"

void sync(void) { SYS0(sync); }

int syncfs(int fd) { return (int)astra_libc_ret(SYS1(syncfs, fd)); }
