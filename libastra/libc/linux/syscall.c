#include "../internal/libc.h"

/* The raw system call with six argument registers, as Rust std calls it for futex, statx,
 * getrandom and others: -1 and errno on error. */
long syscall(long nr, ...)
{
    va_list ap;
    va_start(ap, nr);
    long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
    long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
    va_end(ap);
    return astra_libc_ret(astra_syscall6(nr, a, b, c, d, e, f));
}
