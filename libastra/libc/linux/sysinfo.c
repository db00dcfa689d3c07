#include "../internal/libc.h"

int sysinfo(struct sysinfo *info) { return (int)astra_libc_ret(SYS1(sysinfo, info)); }
