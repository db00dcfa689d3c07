/* Raw system calls. Every astra_syscallN returns the kernel's result: a value, or -errno in
 * [-4095, -1]. Contract functions (sys_*) pass that on through astra_ret(); the newlib layer
 * turns it into errno + -1 through astra_newlib_ret() (newlib/errno_map.c). */
#ifndef ASTRA_INTERNAL_SYSCALL_H
#define ASTRA_INTERNAL_SYSCALL_H

#include <astra/abi.h>
#include <astra/syscall_nr.h>

#include "../arch/x86_64/syscall_arch.h"

static inline int astra_is_err(long r)
{
    return (unsigned long)r > -(unsigned long)ASTRA_ERRNO_MAX - 1;
}

/* The one place where a contract function's -errno result is recorded for sys_get_errno. */
long astra_ret(long r);

#endif
