#include "../internal/libc.h"

int pause(void) { return (int)astra_libc_ret(SYS0(pause)); }
