/* libastra's memory functions (string/). Programs get them as memcpy, memmove, memset and
 * memcmp (string/exports.c); newlib's x86_64 versions use non-temporal stores and byte-wise
 * `rep movs` for small sizes, which cost more than the copies Rust std makes. */
#ifndef ASTRA_INTERNAL_STRING_H
#define ASTRA_INTERNAL_STRING_H

#include <stddef.h>
#include <stdint.h>

void *astra_memmove(void *dst, const void *src, size_t n);
void *astra_memset(void *dst, int c, size_t n);
int astra_memcmp(const void *a, const void *b, size_t n);

/* Unaligned, aliasing-safe accesses (SSE2 is part of x86_64). */
typedef uint8_t astra_v16 __attribute__((vector_size(16), aligned(1), may_alias));
typedef uint64_t astra_u64u __attribute__((aligned(1), may_alias));
typedef uint32_t astra_u32u __attribute__((aligned(1), may_alias));
typedef uint16_t astra_u16u __attribute__((aligned(1), may_alias));

/* Above this size `rep movsb`/`rep stosb` (fast on CPUs with ERMS) beat vector loops. */
#define ASTRA_REP_THRESHOLD 2048

#endif
