/* Makes newlib name the Linux-only errors (ECHRNG, EBADE, ...) too. */
#define __LINUX_ERRNO_EXTENSIONS__ 1
#include <errno.h>

#include "newlib_layer.h"

/* Linux errors newlib has no name for. */
#ifndef ERESTART
#define ERESTART EINTR
#endif
#define EUCLEAN EIO
#define ENOTNAM EIO
#define ENAVAIL EIO
#define EISNAM EIO
#define EREMOTEIO EIO
#define EMEDIUMTYPE EIO
#define ENOKEY EIO
#define EKEYEXPIRED EIO
#define EKEYREVOKED EIO
#define EKEYREJECTED EIO
#define ERFKILL EIO
#define EHWPOISON EIO

#define LINUX_TO_NEWLIB(name, num) [num] = name,
static const unsigned short linux_to_newlib[] = { ASTRA_ERRNO_LIST(LINUX_TO_NEWLIB) };

void astra_newlib_set_errno(int linux_errno)
{
    unsigned n = (unsigned)linux_errno;
    errno = n < sizeof linux_to_newlib / sizeof linux_to_newlib[0] && linux_to_newlib[n]
                ? linux_to_newlib[n]
                : EIO;
}

long astra_newlib_ret(long r)
{
    if (!astra_is_err(r))
        return r;
    astra_newlib_set_errno((int)-r);
    return -1;
}
