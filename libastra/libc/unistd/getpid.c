#include "../internal/libc.h"

pid_t getpid(void) { return (pid_t)SYS0(getpid); }

pid_t getppid(void) { return (pid_t)SYS0(getppid); }

pid_t gettid(void) { return (pid_t)SYS0(gettid); }

pid_t getpgrp(void) { return (pid_t)SYS0(getpgrp); }

pid_t getpgid(pid_t pid) { return (pid_t)astra_libc_ret(SYS1(getpgid, pid)); }

pid_t getsid(pid_t pid) { return (pid_t)astra_libc_ret(SYS1(getsid, pid)); }

int setpgid(pid_t pid, pid_t pgid) { return (int)astra_libc_ret(SYS2(setpgid, pid, pgid)); }

pid_t setsid(void) { return (pid_t)astra_libc_ret(SYS0(setsid)); }
