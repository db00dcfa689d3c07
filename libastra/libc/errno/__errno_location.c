#include "../internal/libc.h"

static _Thread_local int errno_value;

int *__errno_location(void) { return &errno_value; }

long astra_libc_ret(long r)
{
    if (astra_is_err(r)) {
        errno_value = (int)-r;
        return -1;
    }
    return r;
}
