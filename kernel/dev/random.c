#include <stdint.h>

#include "arch.h"
#include "dev/random.h"
#include "dev/time.h"
#include "fs/vfs.h"
#include "lib/printf.h"

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

/* /dev/urandom and /dev/random (the same here: never blocks). */
static long urandom_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)f, (void)off;
    random_fill(buf, n);
    return (long)n;
}

static long urandom_write(struct file *f, const void *buf, size_t n, uint64_t *off)
{
    (void)f, (void)buf, (void)off;
    return (long)n;
}

const struct file_ops urandom_ops = { .read = urandom_read, .write = urandom_write, .rdev = (1 << 8) | 9 };
