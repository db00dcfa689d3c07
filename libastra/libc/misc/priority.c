#include "../internal/libc.h"

/* The kernel's getpriority returns 20 - nice (never negative); the libc call the nice value. */
int getpriority(int which, id_t who)
{
    long r = SYS2(getpriority, which, who);
    return r < 0 ? (int)astra_libc_ret(r) : 20 - (int)r;
}

int setpriority(int which, id_t who, int prio) { return (int)astra_libc_ret(SYS3(setpriority, which, who, prio)); }
