#include "../internal/libc.h"

/* Only the calling thread's credentials change on Linux; libastra has no other threads to
 * tell, so these are the bare system calls (ENOSYS where the kernel has none). */
int setuid(uid_t uid) { return (int)astra_libc_ret(SYS1(setuid, uid)); }

int setgid(gid_t gid) { return (int)astra_libc_ret(SYS1(setgid, gid)); }

int setgroups(size_t n, const gid_t *groups) { return (int)astra_libc_ret(SYS2(setgroups, n, groups)); }
