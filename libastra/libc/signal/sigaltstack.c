#include "../internal/libc.h"

_Static_assert(sizeof(stack_t) == sizeof(struct astra_stack), "musl's stack_t is the kernel's");

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
    if (ss) {
        if (!(ss->ss_flags & SS_DISABLE) && ss->ss_size < MINSIGSTKSZ)
            return (int)astra_libc_ret(-ENOMEM);
        if (ss->ss_flags & SS_ONSTACK)
            return (int)astra_libc_ret(-EINVAL);
    }
    return (int)astra_libc_ret(SYS2(sigaltstack, ss, old));
}
