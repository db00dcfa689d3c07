#include "../internal/libc.h"

static int digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* The magnitude and sign of a C integer literal; ERANGE saturates at ULONG_MAX. */
static unsigned long parse(const char *s, char **end, int base, int *neg)
{
    const char *p = s;
    while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
        p++;
    *neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' && digit(p[2]) < 16)
        p += 2, base = 16;
    else if (base == 0)
        base = *p == '0' ? 8 : 10;
    unsigned long v = 0;
    int any = 0, overflow = 0;
    for (int d; (d = digit(*p)) < base; p++, any = 1)
        if (__builtin_mul_overflow(v, (unsigned long)base, &v) || __builtin_add_overflow(v, (unsigned long)d, &v))
            overflow = 1;
    if (end)
        *end = (char *)(any ? p : s);
    if (overflow) {
        errno = ERANGE;
        return ~0UL;
    }
    return v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
    int neg;
    unsigned long v = parse(s, end, base, &neg);
    unsigned long limit = neg ? (unsigned long)__LONG_MAX__ + 1 : __LONG_MAX__;
    if (v > limit) {
        errno = ERANGE;
        return neg ? -__LONG_MAX__ - 1 : __LONG_MAX__;
    }
    return neg ? (long)-v : (long)v;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    int neg;
    unsigned long v = parse(s, end, base, &neg);
    return neg ? -v : v;
}

int atoi(const char *s) { return (int)strtol(s, 0, 10); }
