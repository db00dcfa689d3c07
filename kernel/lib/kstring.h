/* The C string functions the kernel uses (gcc may also emit calls to memcpy/memset). */
#ifndef ASTRA_KERNEL_KSTRING_H
#define ASTRA_KERNEL_KSTRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* Copies at most size - 1 bytes and always terminates (when size > 0). */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
