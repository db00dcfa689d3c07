#include "../internal/libc.h"

int posix_spawnattr_init(posix_spawnattr_t *a)
{
    memset(a, 0, sizeof *a);
    return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *a)
{
    (void)a;
    return 0;
}

#define KNOWN_FLAGS                                                                                      \
    (POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |     \
     POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_USEVFORK | POSIX_SPAWN_SETSID)

int posix_spawnattr_setflags(posix_spawnattr_t *a, short flags)
{
    if ((unsigned short)flags & ~KNOWN_FLAGS)
        return EINVAL;
    a->__flags = flags;
    return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict a, short *restrict flags)
{
    *flags = (short)a->__flags;
    return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *a, pid_t pgrp)
{
    a->__pgrp = pgrp;
    return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict a, const sigset_t *restrict set)
{
    a->__def = *set;
    return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict a, const sigset_t *restrict set)
{
    a->__mask = *set;
    return 0;
}
