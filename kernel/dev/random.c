#include <stdint.h>

#include "arch.h"
#include "dev/console.h"
#include "dev/random.h"
#include "dev/time.h"

static uint64_t state;

void random_init(void)
{
    int have_hw = arch_random_init();
    state = arch_counter() ^ ((uint64_t)time_realtime_ns() * 0x9e3779b97f4a7c15ULL) ^ 0x2545f4914f6cdd1dULL;
    if (!have_hw)
        kprintf("astra: no RDRAND/RDSEED: random numbers come from a seeded xorshift generator\n");
}

static uint64_t next(void)
{
    uint64_t v;
    if (arch_random_u64(&v))
        return v;
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state ^ arch_counter();
}

void random_fill(void *buf, size_t len)
{
    unsigned char *p = buf;
    while (len) {
        uint64_t v = next();
        for (int i = 0; i < 8 && len; i++, len--, v >>= 8)
            *p++ = (unsigned char)v;
    }
}
