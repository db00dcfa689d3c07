#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"

int sys_open(const char *name, int32_t flags, int32_t mode)
{
    int lflags = astra_open_flags_from_hermit(flags);
    if (lflags < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall3(ASTRA_NR_open, (long)name, lflags, (unsigned)mode));
}

int sys_opendir(const char *name)
{
    return sys_open(name, HERMIT_O_RDONLY | HERMIT_O_DIRECTORY, 0);
}
