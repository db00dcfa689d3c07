#include "../internal/string.h"

/* Eight bytes a step; the first differing byte decides, as bytes are unsigned. */
int astra_memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n >= 8; n -= 8, x += 8, y += 8) {
        uint64_t p = *(const astra_u64u *)x, q = *(const astra_u64u *)y;
        if (p != q) {
            int i = __builtin_ctzll(p ^ q) / 8;
            return x[i] - y[i];
        }
    }
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}
