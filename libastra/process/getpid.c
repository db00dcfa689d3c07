#include <astra/astra.h>

#include "../internal/syscall.h"

/* The process id (Linux's getpid; hermit-abi's documentation calls it the task id). */
hermit_pid_t sys_getpid(void) { return (hermit_pid_t)astra_syscall0(ASTRA_NR_getpid); }
