#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"

int sys_shutdown(int32_t s, int32_t how)
{
    int lhow = astra_shutdown_how_from_hermit(how);
    if (lhow < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall2(ASTRA_NR_shutdown, s, lhow));
}

int sys_shutdown_socket(int32_t s, int32_t how) { return sys_shutdown(s, how); }
