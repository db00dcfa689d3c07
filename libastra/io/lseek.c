#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"

intptr_t sys_lseek(int32_t fd, intptr_t offset, int32_t whence)
{
    int lwhence = astra_whence_from_hermit(whence);
    if (lwhence < 0)
        return astra_ret(-ASTRA_EINVAL);
    return astra_ret(astra_syscall3(ASTRA_NR_lseek, fd, offset, lwhence));
}
