#include <astra/astra.h>

#include "../internal/syscall.h"

int sys_listen(int32_t s, int32_t backlog)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_listen, s, backlog));
}
