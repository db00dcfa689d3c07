#include <astra/astra.h>

#include "../internal/syscall.h"

/* Ends the process as killed by SIGABRT (status 134 in a shell), like abort(3). */
_Noreturn void sys_abort(void)
{
    long pid = astra_syscall0(ASTRA_NR_getpid);
    long tid = astra_syscall0(ASTRA_NR_gettid);
    astra_syscall3(ASTRA_NR_tgkill, pid, tid, ASTRA_SIGABRT);
    for (;;)
        astra_syscall1(ASTRA_NR_exit_group, 128 + ASTRA_SIGABRT);
}
