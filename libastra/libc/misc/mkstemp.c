#include "../internal/libc.h"

/* The last six characters of the template ("XXXXXX") become random letters and digits;
 * each name is tried with O_EXCL (or mkdir) until one is free. */
static int fill(char *tmpl, size_t suffix)
{
    size_t n = strlen(tmpl);
    if (n < 6 + suffix || memcmp(tmpl + n - suffix - 6, "XXXXXX", 6)) {
        errno = EINVAL;
        return -1;
    }
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    unsigned char r[6];
    if (getentropy(r, sizeof r) < 0)
        return -1;
    for (int i = 0; i < 6; i++)
        tmpl[n - suffix - 6 + i] = chars[r[i] % (sizeof chars - 1)];
    return 0;
}

int mkostemps(char *tmpl, int suffix, int flags)
{
    for (int tries = 0; tries < 100; tries++) {
        if (fill(tmpl, (size_t)suffix) < 0)
            return -1;
        long fd = SYS3(open, tmpl, O_RDWR | O_CREAT | O_EXCL | (flags & ~O_ACCMODE), 0600);
        if (fd != -EEXIST)
            return (int)astra_libc_ret(fd);
    }
    return (int)astra_libc_ret(-EEXIST);
}

int mkstemp(char *tmpl) { return mkostemps(tmpl, 0, 0); }

int mkostemp(char *tmpl, int flags) { return mkostemps(tmpl, 0, flags); }

char *mkdtemp(char *tmpl)
{
    for (int tries = 0; tries < 100; tries++) {
        if (fill(tmpl, 0) < 0)
            return 0;
        long r = SYS2(mkdir, tmpl, 0700);
        if (r == 0)
            return tmpl;
        if (r != -EEXIST)
            return (char *)astra_libc_ret(r);
    }
    errno = EEXIST;
    return 0;
}
