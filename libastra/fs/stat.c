#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"
#include "../internal/uaccess.h"

/* hermit's stat is smaller than Linux's: the kernel fills a local one, which is converted and
 * copied out (a bad st gives -EFAULT, after the path's own errors, as on Linux). */
static int stat_result(long r, const struct astra_stat *ks, struct hermit_stat *st)
{
    if (r == 0) {
        struct hermit_stat hs;
        astra_stat_to_hermit(ks, &hs);
        r = astra_copy_to_user(st, &hs, sizeof hs);
    }
    return (int)astra_ret(r);
}

int sys_stat(const char *name, struct hermit_stat *st)
{
    struct astra_stat ks;
    return stat_result(astra_syscall2(ASTRA_NR_stat, (long)name, (long)&ks), &ks, st);
}

int sys_lstat(const char *name, struct hermit_stat *st)
{
    struct astra_stat ks;
    return stat_result(astra_syscall2(ASTRA_NR_lstat, (long)name, (long)&ks), &ks, st);
}

int sys_fstat(int32_t fd, struct hermit_stat *st)
{
    struct astra_stat ks;
    return stat_result(astra_syscall2(ASTRA_NR_fstat, fd, (long)&ks), &ks, st);
}
