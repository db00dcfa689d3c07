/* pipe and pipe2: an anonymous FIFO inode and two open files, its read and write ends. */
#include <astra/abi.h>

#include "fs/pipe.h"
#include "fs/vfs.h"
#include "mm/uvm.h"
#include "proc/proc.h"

long ksys_pipe2(uint64_t ufds, int flags)
{
    if (flags & ~(ASTRA_O_CLOEXEC | ASTRA_O_NONBLOCK))
        return -ASTRA_EINVAL;
    struct proc *p = current_proc();
    if (uvm_check(p->mm, ufds, 2 * sizeof(int), 1))
        return -ASTRA_EFAULT;
    struct inode *ip = inode_new(ASTRA_S_IFIFO | 0600);
    struct pipe *pp = ip ? pipe_new() : 0;
    if (!pp) {
        if (ip)
            inode_put(ip);
        return -ASTRA_ENOMEM;
    }
    ip->ops = &pipe_file_ops;
    ip->pipe = pp;
    int nonblock = flags & ASTRA_O_NONBLOCK, cloexec = flags & ASTRA_O_CLOEXEC;
    struct file *rd = file_new(ip, ASTRA_O_RDONLY | nonblock), *wr = rd ? file_new(ip, ASTRA_O_WRONLY | nonblock) : 0;
    int fds[2] = { -ASTRA_ENOMEM, -ASTRA_ENOMEM };
    if (wr && (fds[0] = fd_install(p->fdt, rd, 0, cloexec)) >= 0)
        fds[1] = fd_install(p->fdt, wr, 0, cloexec);
    if (fds[1] < 0) {
        int err = fds[fds[0] >= 0];
        if (fds[0] >= 0)
            fd_close(p->fdt, fds[0]); /* the read end goes with its descriptor */
        else if (rd) {
            rd->refs = 1; /* never got a descriptor */
            file_put(rd);
        }
        if (wr) {
            wr->refs = 1;
            file_put(wr); /* the last file: frees the inode and the pipe */
        } else if (!rd) {
            inode_put(ip);
        }
        return err;
    }
    uvm_copy_out(p->mm, ufds, fds, sizeof fds); /* checked above: cannot fail */
    return 0;
}

long ksys_pipe(uint64_t ufds) { return ksys_pipe2(ufds, 0); }
