#include "../internal/libc.h"

/* Linux's limits (what glibc reports for its usual file systems). */
static long limit(int name)
{
    switch (name) {
    case _PC_LINK_MAX: return 127;
    case _PC_MAX_CANON:
    case _PC_MAX_INPUT: return 255;
    case _PC_NAME_MAX: return NAME_MAX;
    case _PC_PATH_MAX: return PATH_MAX;
    case _PC_PIPE_BUF: return ASTRA_PIPE_BUF;
    case _PC_CHOWN_RESTRICTED:
    case _PC_NO_TRUNC: return 1;
    case _PC_VDISABLE: return 0;
    default: return astra_libc_ret(-EINVAL);
    }
}

long fpathconf(int fd, int name)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return -1;
    return limit(name);
}

long pathconf(const char *path, int name)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return -1;
    return limit(name);
}
