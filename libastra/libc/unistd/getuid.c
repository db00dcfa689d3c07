#include "../internal/libc.h"

uid_t getuid(void) { return (uid_t)SYS0(getuid); }

uid_t geteuid(void) { return (uid_t)SYS0(geteuid); }

gid_t getgid(void) { return (gid_t)SYS0(getgid); }

gid_t getegid(void) { return (gid_t)SYS0(getegid); }
