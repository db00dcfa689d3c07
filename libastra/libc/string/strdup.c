#include "../internal/libc.h"

char *strndup(const char *s, size_t n)
{
    size_t k = strnlen(s, n);
    char *d = malloc(k + 1);
    if (d) {
        memcpy(d, s, k);
        d[k] = 0;
    }
    return d;
}

char *strdup(const char *s) { return strndup(s, (size_t)-1); }
