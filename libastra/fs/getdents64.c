#include <astra/astra.h>

#include "../internal/syscall.h"

static int is_dot_or_dotdot(const char *name)
{
    return name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0));
}

/* hermit's getdents64 returns the whole directory at once (std reads it with one call and
 * retries with a bigger buffer on -EINVAL), so every call starts from the beginning. "." and
 * ".." are left out, as std's read_dir does on other systems. */
int64_t sys_getdents64(int32_t fd, struct hermit_dirent64 *dirp, size_t count)
{
    if (count > 0x7fffffff)
        count = 0x7fffffff;
    long r = astra_syscall3(ASTRA_NR_lseek, fd, 0, ASTRA_SEEK_SET);
    if (astra_is_err(r))
        return astra_ret(r == -ASTRA_ESPIPE ? -ASTRA_ENOTDIR : r);
    char *buf = (char *)dirp;
    size_t used = 0;
    for (;;) {
        long n = astra_syscall3(ASTRA_NR_getdents64, fd, (long)(buf + used), (long)(count - used));
        if (n == 0)
            return (int64_t)used;
        if (astra_is_err(n))
            return astra_ret(n);
        /* The kernel has just written these records, so reading them is safe. */
        size_t end = used + (size_t)n;
        for (size_t at = used; at < end;) {
            struct astra_dirent64 *d = (struct astra_dirent64 *)(buf + at);
            size_t reclen = d->d_reclen;
            if (!is_dot_or_dotdot(d->d_name)) {
                if (at != used)
                    __builtin_memmove(buf + used, d, reclen);
                used += reclen;
            }
            at += reclen;
        }
    }
}
