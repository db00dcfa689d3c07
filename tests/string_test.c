/* libastra's memmove/memcpy, memset and memcmp against glibc's: every size up to 300 and
 * larger ones across the vector/rep thresholds, every alignment, overlap both ways. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "../libastra/internal/string.h"

#define BUF 12000

static unsigned char src[BUF + 64], dst[BUF + 64], ref[BUF + 64];
static const size_t big[] = { 511, 1000, 2047, 2048, 2049, 4096, 5003, 10000 };

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)((i * 131 + seed * 7) ^ (i >> 8));
}

static void check_copy(size_t n, size_t sa, size_t da)
{
    fill(src, sizeof src, (unsigned)n);
    memset(dst, 0xcc, sizeof dst);
    memset(ref, 0xcc, sizeof ref);
    cr_assert_eq(astra_memmove(dst + da, src + sa, n), dst + da);
    memcpy(ref + da, src + sa, n);
    cr_assert(!memcmp(dst, ref, sizeof dst), "copy n=%zu src+%zu dst+%zu", n, sa, da);
}

Test(string, memmove_copies_every_size_and_alignment)
{
    for (size_t n = 0; n <= 300; n++)
        for (size_t a = 0; a < 16; a += 3)
            for (size_t b = 0; b < 16; b += 5)
                check_copy(n, a, b);
    for (unsigned i = 0; i < sizeof big / sizeof big[0]; i++)
        for (size_t a = 0; a < 16; a += 7)
            check_copy(big[i], a, 15 - a);
}

static void check_overlap(size_t n, long shift)
{
    fill(dst, sizeof dst, (unsigned)n + 3);
    memcpy(ref, dst, sizeof ref);
    size_t from = 4000, to = (size_t)((long)from + shift);
    astra_memmove(dst + to, dst + from, n);
    memmove(ref + to, ref + from, n);
    cr_assert(!memcmp(dst, ref, sizeof dst), "overlap n=%zu shift=%ld", n, shift);
}

Test(string, memmove_handles_overlap_in_both_directions)
{
    const long shifts[] = { -1, 1, -7, 7, -16, 16, -33, 33, -64, 64, -100, 100, -3000, 3000 };
    for (size_t n = 0; n <= 300; n += 1)
        for (unsigned s = 0; s < sizeof shifts / sizeof shifts[0]; s++)
            check_overlap(n, shifts[s]);
    for (unsigned i = 0; i < sizeof big / sizeof big[0]; i++)
        for (unsigned s = 0; s < sizeof shifts / sizeof shifts[0]; s++)
            if (big[i] <= 4000)
                check_overlap(big[i], shifts[s]);
}

Test(string, memset_sets_exactly_the_range)
{
    for (size_t n = 0; n <= 300; n++) {
        for (size_t a = 0; a < 16; a += 5) {
            memset(dst, 0x11, sizeof dst);
            memset(ref, 0x11, sizeof ref);
            cr_assert_eq(astra_memset(dst + a, 0x1ab, n), dst + a);
            memset(ref + a, 0x1ab, n);
            cr_assert(!memcmp(dst, ref, sizeof dst), "memset n=%zu +%zu", n, a);
        }
    }
    for (unsigned i = 0; i < sizeof big / sizeof big[0]; i++) {
        memset(dst, 0x11, sizeof dst);
        memset(ref, 0x11, sizeof ref);
        astra_memset(dst + 3, 0, big[i]);
        memset(ref + 3, 0, big[i]);
        cr_assert(!memcmp(dst, ref, sizeof dst), "memset n=%zu", big[i]);
    }
}

static int sign(int v) { return (v > 0) - (v < 0); }

Test(string, memcmp_orders_like_glibc)
{
    for (size_t n = 0; n <= 100; n++) {
        fill(src, n + 8, 1);
        memcpy(dst, src, n + 8);
        cr_assert_eq(astra_memcmp(src, dst, n), 0);
        for (size_t at = 0; at < n; at++) {
            const unsigned char values[] = { 0x00, 0x7f, 0x80, 0xff };
            for (unsigned v = 0; v < 4; v++) {
                unsigned char saved = dst[at];
                dst[at] = values[v];
                cr_assert_eq(sign(astra_memcmp(src, dst, n)), sign(memcmp(src, dst, n)), "n=%zu at=%zu", n, at);
                cr_assert_eq(sign(astra_memcmp(dst, src, n)), sign(memcmp(dst, src, n)), "n=%zu at=%zu", n, at);
                dst[at] = saved;
            }
        }
    }
}
