#include "../internal/libc.h"

clock_t times(struct tms *buf) { return (clock_t)astra_libc_ret(SYS1(times, buf)); }

int clock_settime(clockid_t clk, const struct timespec *ts) { return (int)astra_libc_ret(SYS2(clock_settime, clk, ts)); }
