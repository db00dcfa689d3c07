#include "../internal/syscall.h"

int sys_getpid(void) { return (int)astra_syscall0(ASTRA_NR_getpid); }
