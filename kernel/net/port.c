/* What lwIP asks of its platform: the time in milliseconds, random numbers and atoi. */
#include <stdint.h>

#include "dev/random.h"
#include "dev/time.h"
#include "lwip/sys.h"

u32_t sys_now(void) { return (u32_t)(time_monotonic_ns() / 1000000); }

uint32_t lwip_port_rand(void)
{
    uint32_t r;
    random_fill(&r, sizeof r);
    return r;
}

int atoi(const char *s)
{
    int sign = 1, v = 0;
    if (*s == '-' || *s == '+')
        sign = *s++ == '-' ? -1 : 1;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return sign * v;
}
