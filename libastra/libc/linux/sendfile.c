#include "../internal/libc.h"

/* Rust std's io::copy between pipes, sockets and files tries these first and copies through
 * a buffer when the kernel answers ENOSYS or EINVAL. */
ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count)
{
    return astra_libc_ret(SYS4(sendfile, out_fd, in_fd, offset, count));
}

ssize_t sendfile64(int out_fd, int in_fd, off_t *offset, size_t count) __attribute__((alias("sendfile")));

ssize_t splice(int fd_in, off_t *off_in, int fd_out, off_t *off_out, size_t len, unsigned flags)
{
    return astra_libc_ret(SYS6(splice, fd_in, off_in, fd_out, off_out, len, flags));
}
