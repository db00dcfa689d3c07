#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"

/* Linux open flags hermit-abi has no name for, passed through unchanged (std's
 * OpenOptionsExt::custom_flags on Astra takes Linux's values): programs ask for them. */
#define LINUX_ONLY_FLAGS (ASTRA_O_NOFOLLOW | ASTRA_O_CLOEXEC | ASTRA_O_NOCTTY | ASTRA_O_SYNC | ASTRA_O_DSYNC)

int sys_open(const char *name, int32_t flags, int32_t mode)
{
    int lflags = astra_open_flags_from_hermit(flags & ~LINUX_ONLY_FLAGS);
    if (lflags < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    lflags |= flags & LINUX_ONLY_FLAGS;
    return (int)astra_ret(astra_syscall3(ASTRA_NR_open, (long)name, lflags, (unsigned)mode));
}

int sys_opendir(const char *name)
{
    return sys_open(name, HERMIT_O_RDONLY | HERMIT_O_DIRECTORY, 0);
}
