#include <stdint.h>

#include "console.h"
#include "random.h"
#include "time.h"
#include "x86.h"

static int have_rdrand, have_rdseed;
static uint64_t state;

void random_init(void)
{
    uint32_t r[4];
    cpuid(1, 0, r);
    have_rdrand = (r[2] >> 30) & 1;
    cpuid(7, 0, r);
    have_rdseed = (r[1] >> 18) & 1;
    state = rdtsc() ^ ((uint64_t)time_realtime_ns() * 0x9e3779b97f4a7c15ULL) ^ 0x2545f4914f6cdd1dULL;
    if (!have_rdrand && !have_rdseed)
        kprintf("astra: no RDRAND/RDSEED: random numbers come from a seeded xorshift generator\n");
}

static int hw_random(uint64_t *v)
{
    for (int tries = 0; tries < 16; tries++) {
        unsigned char ok;
        if (have_rdseed)
            __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
        else if (have_rdrand)
            __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
        else
            return 0;
        if (ok)
            return 1;
    }
    return 0;
}

static uint64_t next(void)
{
    uint64_t v;
    if (hw_random(&v))
        return v;
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state ^ rdtsc();
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
