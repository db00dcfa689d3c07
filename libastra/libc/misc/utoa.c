#include "../internal/libc.h"

char *astra_libc_utoa(unsigned long v, char *end)
{
    do
        *--end = (char)('0' + v % 10);
    while (v /= 10);
    return end;
}
