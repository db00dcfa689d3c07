#include "../internal/libc.h"

int getrusage(int who, struct rusage *ru) { return (int)astra_libc_ret(SYS2(getrusage, who, ru)); }
