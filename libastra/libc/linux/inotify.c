#include "../internal/libc.h"

int inotify_init1(int flags) { return (int)astra_libc_ret(SYS1(inotify_init1, flags)); }

int inotify_init(void) { return inotify_init1(0); }

int inotify_add_watch(int fd, const char *path, uint32_t mask)
{
    return (int)astra_libc_ret(SYS3(inotify_add_watch, fd, path, mask));
}

int inotify_rm_watch(int fd, int wd) { return (int)astra_libc_ret(SYS2(inotify_rm_watch, fd, wd)); }
