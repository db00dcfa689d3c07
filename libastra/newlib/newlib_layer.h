/* Shared by the newlib OS layer: newlib's own headers describe its side of each call. */
#ifndef ASTRA_NEWLIB_LAYER_H
#define ASTRA_NEWLIB_LAYER_H

#include "../internal/syscall.h"

/* Turns a raw syscall result into newlib's convention: on error, sets errno (translated to
 * newlib's numbering, which differs from Linux's) and returns -1. */
long astra_newlib_ret(long r);

/* Sets errno from a Linux errno value. */
void astra_newlib_set_errno(int linux_errno);

/* Signal numbers between newlib's and Linux's numbering (signal_map.c); 0 stays 0. */
int astra_newlib_signal_to_linux(int sig);
int astra_newlib_signal_from_linux(int sig);

/* Linux's open flags for newlib's, or -1 when an unknown bit is set (open.c). */
int astra_newlib_open_flags(int flags);

/* Defines the POSIX name as a weak alias of the newlib OS-layer function. */
#define ASTRA_POSIX_ALIAS(underscored, posix) \
    __typeof__(underscored) posix __attribute__((weak, alias(#underscored)))

#endif
