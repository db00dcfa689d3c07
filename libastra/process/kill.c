#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_kill(int32_t pid, int32_t sig)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_kill, pid, sig));
}
