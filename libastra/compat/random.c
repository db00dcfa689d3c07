/* Random numbers under the names hermit-abi 0.1.16-0.2.6 used (see compat.h). */
#include "compat.h"

#define MINSTD_MODULUS 2147483647u /* 2^31 - 1 */
#define MINSTD_MULTIPLIER 48271u

/* The generator's state, in [1, 2^31 - 2]; 0 until it is seeded. */
static uint32_t rand_state;

static uint32_t minstd_seed(uint32_t seed)
{
    seed %= MINSTD_MODULUS;
    return seed ? seed : 1;
}

static uint32_t seed_from_entropy(void)
{
    uint32_t seed = 0;
    if (sys_secure_rand32(&seed) != 0)
        seed = 1;
    return minstd_seed(seed);
}

uint32_t sys_rand(void)
{
    uint32_t old = __atomic_load_n(&rand_state, __ATOMIC_RELAXED);
    if (old == 0) {
        uint32_t fresh = seed_from_entropy();
        /* Only the first seeding counts; on failure old holds another thread's state. */
        if (__atomic_compare_exchange_n(&rand_state, &old, fresh, 0, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED))
            old = fresh;
    }
    uint32_t next;
    do
        next = (uint32_t)((uint64_t)old * MINSTD_MULTIPLIER % MINSTD_MODULUS);
    while (!__atomic_compare_exchange_n(&rand_state, &old, next, 1, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED));
    return next;
}

void sys_srand(uint32_t seed)
{
    __atomic_store_n(&rand_state, minstd_seed(seed), __ATOMIC_RELAXED);
}

/* Fills len bytes at buf from the kernel's entropy: 0, or -1. */
static int32_t fill_secure(void *buf, size_t len)
{
    if (!buf)
        return -1;
    unsigned char *p = buf;
    while (len) {
        intptr_t n = sys_read_entropy(p, len, 0);
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int32_t sys_secure_rand32(uint32_t *value) { return fill_secure(value, sizeof *value); }

int32_t sys_secure_rand64(uint64_t *value) { return fill_secure(value, sizeof *value); }
