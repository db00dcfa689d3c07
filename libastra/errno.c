#include <astra/astra.h>

#include "internal/syscall.h"

/* The last error of a contract function in this thread, for sys_get_errno. */
static _Thread_local int last_errno;

long astra_ret(long r)
{
    if (astra_is_err(r))
        last_errno = (int)-r;
    return r;
}

int sys_get_errno(void) { return last_errno; }

int sys_errno(void) { return last_errno; }
