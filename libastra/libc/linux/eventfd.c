#include "../internal/libc.h"

int eventfd(unsigned initval, int flags) { return (int)astra_libc_ret(SYS2(eventfd2, initval, flags)); }
