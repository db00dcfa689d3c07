#include "../internal/string.h"

void *astra_memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    uint64_t w = 0x0101010101010101ull * (uint8_t)c;
    if (n <= 16) {
        if (n >= 8) {
            *(astra_u64u *)d = w;
            *(astra_u64u *)(d + n - 8) = w;
        } else if (n >= 4) {
            *(astra_u32u *)d = (uint32_t)w;
            *(astra_u32u *)(d + n - 4) = (uint32_t)w;
        } else if (n >= 2) {
            *(astra_u16u *)d = (uint16_t)w;
            *(astra_u16u *)(d + n - 2) = (uint16_t)w;
        } else if (n) {
            *d = (unsigned char)c;
        }
        return dst;
    }
    astra_v16 v = (astra_v16){ 0 } + (uint8_t)c;
    if (n <= 32) {
        *(astra_v16 *)d = v;
        *(astra_v16 *)(d + n - 16) = v;
        return dst;
    }
    if (n >= ASTRA_REP_THRESHOLD) {
        __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
        return dst;
    }
    unsigned char *end = d + n;
    for (; d + 64 <= end; d += 64) {
        ((astra_v16 *)d)[0] = v;
        ((astra_v16 *)d)[1] = v;
        ((astra_v16 *)d)[2] = v;
        ((astra_v16 *)d)[3] = v;
    }
    ((astra_v16 *)(end - 32))[0] = v;
    ((astra_v16 *)(end - 32))[1] = v;
    if (end - d > 32) {
        ((astra_v16 *)d)[0] = v;
        ((astra_v16 *)d)[1] = v;
    }
    return dst;
}
