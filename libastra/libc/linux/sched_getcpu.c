#include "../internal/libc.h"

int sched_getcpu(void)
{
    unsigned cpu;
    long r = SYS3(getcpu, &cpu, 0, 0);
    return r < 0 ? (int)astra_libc_ret(r) : (int)cpu;
}
