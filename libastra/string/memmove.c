#include "../internal/string.h"

/* Small sizes load everything before storing anything (so overlap is harmless); larger ones
 * copy 64 bytes a step in the direction that overlap allows, with the far end loaded first. */
void *astra_memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n <= 16) {
        if (n >= 8) {
            uint64_t a = *(const astra_u64u *)s, b = *(const astra_u64u *)(s + n - 8);
            *(astra_u64u *)d = a;
            *(astra_u64u *)(d + n - 8) = b;
        } else if (n >= 4) {
            uint32_t a = *(const astra_u32u *)s, b = *(const astra_u32u *)(s + n - 4);
            *(astra_u32u *)d = a;
            *(astra_u32u *)(d + n - 4) = b;
        } else if (n >= 2) {
            uint16_t a = *(const astra_u16u *)s, b = *(const astra_u16u *)(s + n - 2);
            *(astra_u16u *)d = a;
            *(astra_u16u *)(d + n - 2) = b;
        } else if (n) {
            *d = *s;
        }
        return dst;
    }
    if (n <= 32) {
        astra_v16 a = *(const astra_v16 *)s, b = *(const astra_v16 *)(s + n - 16);
        *(astra_v16 *)d = a;
        *(astra_v16 *)(d + n - 16) = b;
        return dst;
    }
    if (n <= 64) {
        astra_v16 a = *(const astra_v16 *)s, b = *(const astra_v16 *)(s + 16);
        astra_v16 c = *(const astra_v16 *)(s + n - 32), e = *(const astra_v16 *)(s + n - 16);
        *(astra_v16 *)d = a;
        *(astra_v16 *)(d + 16) = b;
        *(astra_v16 *)(d + n - 32) = c;
        *(astra_v16 *)(d + n - 16) = e;
        return dst;
    }
    if ((uintptr_t)d - (uintptr_t)s >= n) { /* forward is safe: d below s, or no overlap */
        if (n >= ASTRA_REP_THRESHOLD && (uintptr_t)s - (uintptr_t)d >= n) {
            __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
            return dst;
        }
        const unsigned char *tail_src = s + n - 64;
        astra_v16 t0 = ((const astra_v16 *)tail_src)[0], t1 = ((const astra_v16 *)tail_src)[1];
        astra_v16 t2 = ((const astra_v16 *)tail_src)[2], t3 = ((const astra_v16 *)tail_src)[3];
        unsigned char *tail = d + n - 64;
        for (; n > 64; n -= 64, s += 64, d += 64) {
            astra_v16 a = ((const astra_v16 *)s)[0], b = ((const astra_v16 *)s)[1];
            astra_v16 c = ((const astra_v16 *)s)[2], e = ((const astra_v16 *)s)[3];
            ((astra_v16 *)d)[0] = a;
            ((astra_v16 *)d)[1] = b;
            ((astra_v16 *)d)[2] = c;
            ((astra_v16 *)d)[3] = e;
        }
        ((astra_v16 *)tail)[0] = t0;
        ((astra_v16 *)tail)[1] = t1;
        ((astra_v16 *)tail)[2] = t2;
        ((astra_v16 *)tail)[3] = t3;
        return dst;
    }
    astra_v16 h0 = ((const astra_v16 *)s)[0], h1 = ((const astra_v16 *)s)[1];
    astra_v16 h2 = ((const astra_v16 *)s)[2], h3 = ((const astra_v16 *)s)[3];
    for (; n > 64; n -= 64) {
        const unsigned char *from = s + n - 64;
        unsigned char *to = d + n - 64;
        astra_v16 a = ((const astra_v16 *)from)[0], b = ((const astra_v16 *)from)[1];
        astra_v16 c = ((const astra_v16 *)from)[2], e = ((const astra_v16 *)from)[3];
        ((astra_v16 *)to)[0] = a;
        ((astra_v16 *)to)[1] = b;
        ((astra_v16 *)to)[2] = c;
        ((astra_v16 *)to)[3] = e;
    }
    ((astra_v16 *)d)[0] = h0;
    ((astra_v16 *)d)[1] = h1;
    ((astra_v16 *)d)[2] = h2;
    ((astra_v16 *)d)[3] = h3;
    return dst;
}
