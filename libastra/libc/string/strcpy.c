#include "../internal/libc.h"

char *strcpy(char *restrict d, const char *restrict s)
{
    return memcpy(d, s, strlen(s) + 1);
}

char *strncpy(char *restrict d, const char *restrict s, size_t n)
{
    size_t k = strnlen(s, n);
    memcpy(d, s, k);
    memset(d + k, 0, n - k);
    return d;
}

char *strcat(char *restrict d, const char *restrict s)
{
    strcpy(d + strlen(d), s);
    return d;
}
