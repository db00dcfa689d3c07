/* The C names of libastra's memory functions, for Astra programs (Rust's and C's). Kept out
 * of libastra-core, which is also linked into glibc test programs. */
#include <stddef.h>

#include "../internal/string.h"

void *memcpy(void *restrict dst, const void *restrict src, size_t n) { return astra_memmove(dst, src, n); }
void *memmove(void *dst, const void *src, size_t n) { return astra_memmove(dst, src, n); }
void *memset(void *dst, int c, size_t n) { return astra_memset(dst, c, n); }
int memcmp(const void *a, const void *b, size_t n) { return astra_memcmp(a, b, n); }
int bcmp(const void *a, const void *b, size_t n) { return astra_memcmp(a, b, n); }
