#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"

/* F_GETFL/F_SETFL carry open flags, translated both ways; F_SETFD takes only FD_CLOEXEC. */
int sys_fcntl(int32_t fd, int32_t cmd, int32_t arg)
{
    int lcmd = astra_fcntl_cmd_from_hermit(cmd);
    long larg = arg;
    if (lcmd < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    if (lcmd == ASTRA_F_SETFL && (larg = astra_open_flags_from_hermit(arg)) < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    if (lcmd == ASTRA_F_SETFD) {
        if (arg & ~HERMIT_FD_CLOEXEC)
            return (int)astra_ret(-ASTRA_EINVAL);
        larg = arg & HERMIT_FD_CLOEXEC ? ASTRA_FD_CLOEXEC : 0;
    }
    long r = astra_syscall3(ASTRA_NR_fcntl, fd, lcmd, larg);
    if (astra_is_err(r))
        return (int)astra_ret(r);
    if (lcmd == ASTRA_F_GETFL)
        return astra_open_flags_to_hermit((int)r);
    if (lcmd == ASTRA_F_GETFD)
        return r & ASTRA_FD_CLOEXEC ? HERMIT_FD_CLOEXEC : 0;
    return (int)r;
}
