#include <astra/astra.h>

#include "../internal/string.h"
#include "../internal/syscall.h"
#include "../internal/uaccess.h"

/* Drops the last component of the absolute path out[len]; "/" stays. Returns the new length. */
static size_t drop_last(char *out, size_t len)
{
    while (len > 1 && out[len - 1] != '/')
        len--;
    if (len > 1)
        len--;
    out[len] = 0;
    return len;
}

/* Resolves in user space, one component at a time as POSIX describes it (and glibc does):
 * each name is appended and lstat'ed; a symbolic link is replaced by its target (from "/" when
 * absolute) followed by what remained; ".." drops a resolved component. Errors are those of
 * lstat and readlink, plus ENOTDIR for a non-directory followed by '/', ELOOP after
 * ASTRA_SYMLOOP_MAX links and ENAMETOOLONG when the result would reach PATH_MAX. */
static long resolve(const char *path, char out[ASTRA_PATH_MAX])
{
    char pending[2 * ASTRA_PATH_MAX], target[ASTRA_PATH_MAX];
    long r = astra_copy_string_from_user(pending, path, ASTRA_PATH_MAX);
    if (r <= 0)
        return r ? r : -ASTRA_ENOENT;
    size_t len = 1;
    if (pending[0] == '/') {
        out[0] = '/', out[1] = 0;
    } else {
        if ((r = astra_syscall2(ASTRA_NR_getcwd, (long)out, ASTRA_PATH_MAX)) < 0)
            return r;
        len = (size_t)r - 1;
    }
    const char *p = pending;
    int links = 0;
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p)
            return (long)len;
        size_t n = 0;
        while (p[n] && p[n] != '/')
            n++;
        const char *next = p + n;
        if (n == 1 && p[0] == '.') {
            p = next;
            continue;
        }
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            len = drop_last(out, len);
            p = next;
            continue;
        }
        size_t parent_len = len;
        if (len + 1 + n >= ASTRA_PATH_MAX)
            return -ASTRA_ENAMETOOLONG;
        if (len > 1)
            out[len++] = '/';
        astra_memmove(out + len, p, n);
        len += n;
        out[len] = 0;
        struct astra_stat st;
        if ((r = astra_syscall2(ASTRA_NR_lstat, (long)out, (long)&st)) < 0)
            return r;
        if ((st.st_mode & ASTRA_S_IFMT) == ASTRA_S_IFLNK) {
            if (++links > ASTRA_SYMLOOP_MAX)
                return -ASTRA_ELOOP;
            long tlen = astra_syscall3(ASTRA_NR_readlink, (long)out, (long)target, sizeof target);
            if (tlen < 0)
                return tlen;
            size_t rest = 0;
            while (next[rest])
                rest++;
            if ((size_t)tlen + rest + 1 > sizeof pending)
                return -ASTRA_ENAMETOOLONG;
            astra_memmove(pending + tlen, next, rest + 1); /* next lies in pending */
            astra_memmove(pending, target, (size_t)tlen);
            p = pending;
            len = target[0] == '/' ? 1 : parent_len;
            out[len] = 0;
            continue;
        }
        if ((st.st_mode & ASTRA_S_IFMT) != ASTRA_S_IFDIR && *next)
            return -ASTRA_ENOTDIR;
        p = next;
    }
}

intptr_t sys_realpath(const char *path, char *buf, size_t size)
{
    char out[ASTRA_PATH_MAX];
    long len = resolve(path, out);
    if (len >= 0 && (size_t)len + 1 > size)
        len = -ASTRA_ERANGE;
    if (len >= 0) {
        long r = astra_copy_to_user(buf, out, (size_t)len + 1);
        if (r)
            len = r;
    }
    return astra_ret(len);
}
