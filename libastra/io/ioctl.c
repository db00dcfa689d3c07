#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"

/* hermit-abi defines one request, FIONBIO; its argument (an int) is read by the kernel. */
int sys_ioctl(int32_t fd, int32_t cmd, void *argp)
{
    unsigned long request = astra_ioctl_from_hermit(cmd);
    if (!request)
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall3(ASTRA_NR_ioctl, fd, (long)request, (long)argp));
}
