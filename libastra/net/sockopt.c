#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"
#include "../internal/uaccess.h"

/* Option values are Linux's layouts except the timeouts' timeval (i32 microseconds). Linux's
 * timeval written over hermit's is the same 16 bytes with the microseconds in the low half,
 * so getsockopt lets the kernel write it directly. */
_Static_assert(sizeof(struct hermit_timeval) == sizeof(struct astra_timeval) &&
                   offsetof(struct hermit_timeval, tv_usec) == offsetof(struct astra_timeval, tv_usec),
               "hermit_timeval overlays astra_timeval");

int sys_setsockopt(int32_t s, int32_t level, int32_t optname, const void *optval,
                   hermit_socklen_t optlen)
{
    int llevel, lname;
    enum astra_optval_kind kind;
    long r = astra_sockopt_from_hermit(level, optname, &llevel, &lname, &kind);
    if (r < 0)
        return (int)astra_ret(r);
    if (kind != ASTRA_OPT_TIMEVAL)
        return (int)astra_ret(astra_syscall5(ASTRA_NR_setsockopt, s, llevel, lname, (long)optval, optlen));
    struct hermit_timeval h;
    struct astra_timeval tv;
    if (optlen < sizeof h)
        return (int)astra_ret(-ASTRA_EINVAL);
    r = astra_copy_from_user(&h, optval, sizeof h);
    if (r == 0)
        r = astra_timeval_from_hermit(&h, &tv);
    if (r == 0)
        r = astra_syscall5(ASTRA_NR_setsockopt, s, llevel, lname, (long)&tv, sizeof tv);
    return (int)astra_ret(r);
}

int sys_getsockopt(int32_t s, int32_t level, int32_t optname, void *optval,
                   hermit_socklen_t *optlen)
{
    int llevel, lname;
    enum astra_optval_kind kind;
    long r = astra_sockopt_from_hermit(level, optname, &llevel, &lname, &kind);
    if (r < 0)
        return (int)astra_ret(r);
    return (int)astra_ret(astra_syscall5(ASTRA_NR_getsockopt, s, llevel, lname, (long)optval, (long)optlen));
}
