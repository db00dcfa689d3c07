#include <astra/astra.h>

#include "../internal/syscall.h"

_Noreturn void sys_exit(int32_t status)
{
    for (;;)
        astra_syscall1(ASTRA_NR_exit_group, status);
}
