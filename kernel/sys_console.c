/* read/write/readv/writev on the console: fd 0 is stdin, 1 stdout, 2 stderr. */
#include <astra/abi.h>

#include "console.h"
#include "proc.h"
#include "uvm.h"

#define IOV_MAX 1024

static int console_channel(int fd)
{
    return fd == 1 ? CHANNEL_STDOUT : fd == 2 ? CHANNEL_STDERR : -1;
}

/* Writes up to count bytes from user memory; a fault after some bytes returns that count. */
static long console_write_user(int fd, uint64_t buf, size_t count)
{
    int ch = console_channel(fd);
    if (ch < 0)
        return -ASTRA_EBADF;
    char chunk[512];
    if (uvm_copy_in(current_proc(), chunk, buf, 0))
        return -ASTRA_EFAULT; /* even an empty buffer must be in user space */
    size_t done = 0;
    while (done < count) {
        size_t n = count - done < sizeof chunk ? count - done : sizeof chunk;
        if (uvm_copy_in(current_proc(), chunk, buf + done, n))
            return done ? (long)done : -ASTRA_EFAULT;
        console_write((enum console_channel)ch, chunk, n);
        done += n;
    }
    return (long)done;
}

long ksys_write(int fd, uint64_t buf, size_t count)
{
    if (fd < 0)
        return -ASTRA_EBADF;
    return console_write_user(fd, buf, count);
}

/* stdin has no input source yet: reading it gives end of file. */
long ksys_read(int fd, uint64_t buf, size_t count)
{
    (void)buf, (void)count;
    return fd == 0 ? 0 : -ASTRA_EBADF;
}

static long copy_iov(uint64_t uiov, int iovcnt, struct astra_iovec *iov)
{
    if (iovcnt < 0 || iovcnt > IOV_MAX)
        return -ASTRA_EINVAL;
    return uvm_copy_in(current_proc(), iov, uiov, (size_t)iovcnt * sizeof *iov);
}

long ksys_writev(int fd, uint64_t uiov, int iovcnt)
{
    static struct astra_iovec iov[IOV_MAX];
    long r = copy_iov(uiov, iovcnt, iov);
    if (r)
        return r;
    if (console_channel(fd) < 0)
        return -ASTRA_EBADF;
    long total = 0;
    for (int i = 0; i < iovcnt; i++) {
        long n = console_write_user(fd, (uint64_t)iov[i].iov_base, iov[i].iov_len);
        if (n < 0)
            return total ? total : n;
        total += n;
    }
    return total;
}

long ksys_readv(int fd, uint64_t uiov, int iovcnt)
{
    static struct astra_iovec iov[IOV_MAX];
    long r = copy_iov(uiov, iovcnt, iov);
    if (r)
        return r;
    return fd == 0 ? 0 : -ASTRA_EBADF;
}
