#include "../internal/libc.h"

int getgroups(int n, gid_t *list) { return (int)astra_libc_ret(SYS2(getgroups, n, list)); }

int setresuid(uid_t r, uid_t e, uid_t s) { return (int)astra_libc_ret(SYS3(setresuid, r, e, s)); }

int setresgid(gid_t r, gid_t e, gid_t s) { return (int)astra_libc_ret(SYS3(setresgid, r, e, s)); }

int seteuid(uid_t e) { return setresuid((uid_t)-1, e, (uid_t)-1); }

int setegid(gid_t e) { return setresgid((gid_t)-1, e, (gid_t)-1); }
