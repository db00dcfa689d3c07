#include "../internal/libc.h"

char *strstr(const char *h, const char *n)
{
    size_t k = strlen(n);
    for (; *h; h++)
        if (!strncmp(h, n, k))
            return (char *)h;
    return k ? 0 : (char *)h;
}
