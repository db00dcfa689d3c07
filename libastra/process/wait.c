#include <astra/astra.h>

#include "../internal/syscall.h"

int32_t sys_waitpid(int32_t pid, int32_t *status, int32_t options)
{
    return (int32_t)astra_ret(astra_syscall4(ASTRA_NR_wait4, pid, (long)status, options, 0));
}
