#include "../../internal/startup.h"
#include "../internal/libc.h"

/* The value of an auxiliary vector entry; 0 with ENOENT when the kernel gave none. */
unsigned long getauxval(unsigned long type)
{
    unsigned long v = astra_getauxval(type);
    if (!v && type != ASTRA_AT_NULL)
        errno = ENOENT;
    return v;
}
