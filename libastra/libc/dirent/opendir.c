#include "../internal/libc.h"

DIR *fdopendir(int fd)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return 0;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return 0;
    }
    DIR *d = calloc(1, sizeof *d);
    if (!d)
        return 0;
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    d->fd = fd;
    return d;
}

DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    DIR *d = calloc(1, sizeof *d);
    if (!d) {
        SYS1(close, fd);
        return 0;
    }
    d->fd = fd;
    return d;
}

int closedir(DIR *d)
{
    int r = close(d->fd);
    free(d);
    return r;
}

int dirfd(DIR *d) { return d->fd; }

void rewinddir(DIR *d)
{
    SYS3(lseek, d->fd, 0, SEEK_SET);
    d->pos = d->len = 0;
}
