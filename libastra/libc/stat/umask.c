#include "../internal/libc.h"

/* The kernel keeps no creation mask (it applies none): remember the program's, so that
 * umask(umask(0)) reads it back as on Linux. */
static mode_t mask = 022;

mode_t umask(mode_t m)
{
    mode_t old = mask;
    mask = m & 0777;
    return old;
}
