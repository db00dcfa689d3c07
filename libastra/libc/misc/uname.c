#include "../internal/libc.h"

_Static_assert(sizeof(struct utsname) == sizeof(struct astra_utsname), "the kernel's utsname");

int uname(struct utsname *u) { return (int)astra_libc_ret(SYS1(uname, u)); }

int gethostname(char *name, size_t len)
{
    struct utsname u;
    if (uname(&u) < 0)
        return -1;
    size_t n = strnlen(u.nodename, sizeof u.nodename);
    if (n >= len)
        return (int)astra_libc_ret(-ENAMETOOLONG);
    memcpy(name, u.nodename, n + 1);
    return 0;
}
