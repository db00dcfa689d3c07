#include <stdint.h>

#include "newlib_layer.h"

static uintptr_t current_break;

/* Grows (or shrinks) the program break by incr; returns the old break, or (void *)-1 with
 * errno = ENOMEM. The kernel's brk returns the current break when it cannot move it. */
void *_sbrk(intptr_t incr)
{
    if (!current_break)
        current_break = (uintptr_t)astra_syscall1(ASTRA_NR_brk, 0);
    uintptr_t old = current_break, want = old + (uintptr_t)incr;
    if ((incr > 0 && want < old) || (incr < 0 && want > old)) {
        astra_newlib_set_errno(ASTRA_ENOMEM);
        return (void *)-1;
    }
    uintptr_t got = (uintptr_t)astra_syscall1(ASTRA_NR_brk, (long)want);
    if (got != want) {
        astra_newlib_set_errno(ASTRA_ENOMEM);
        return (void *)-1;
    }
    current_break = got;
    return (void *)old;
}

ASTRA_POSIX_ALIAS(_sbrk, sbrk);
