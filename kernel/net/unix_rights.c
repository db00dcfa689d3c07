/* Descriptors passed in Unix-domain messages (SCM_RIGHTS): taken from sendmsg's control
 * messages, held while in flight, installed by recvmsg. Under the BKL. */
#include <astra/abi.h>

#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/uvm.h"
#include "net/unix.h"
#include "proc/proc.h"

#define CONTROL_MAX 131072 /* Linux's optmem_max: a larger control part is -ENOBUFS */
#define INT_MAX_BYTES 0x7fffffffUL

static struct unix_rights *rights_new(unsigned count)
{
    struct unix_rights *r = kzalloc(sizeof *r + count * sizeof(struct file *));
    return r;
}

void unix_rights_put(struct unix_rights *r)
{
    /* r is reachable from nowhere else: a put that releases a socket cannot reach it. */
    for (unsigned i = 0; i < r->count; i++)
        file_put(r->files[i]);
    kfree(r);
}

struct unix_rights *unix_rights_dup(const struct unix_rights *r)
{
    struct unix_rights *d = rights_new(r->count);
    if (!d)
        return 0;
    d->count = r->count;
    for (unsigned i = 0; i < r->count; i++) {
        d->files[i] = r->files[i];
        d->files[i]->refs++;
    }
    return d;
}

/* The credentials a sender may claim (we are root, as every Astra process): its own process or
 * another that exists, and any valid ids. 0, -EINVAL or -ESRCH. */
static int check_credentials(const struct astra_ucred *c)
{
    if (c->uid == (uint32_t)-1 || c->gid == (uint32_t)-1)
        return -ASTRA_EINVAL;
    if (c->pid != current_proc()->pid && (c->pid <= 0 || !proc_find(c->pid)))
        return -ASTRA_ESRCH;
    return 0;
}

int unix_rights_from_control(uint64_t uctl, size_t len, struct unix_rights **out)
{
    *out = 0;
    if (len > INT_MAX_BYTES || len >= CONTROL_MAX)
        return -ASTRA_ENOBUFS;
    struct mm *mm = current_mm();
    if (uvm_check(mm, uctl, len, 0))
        return -ASTRA_EFAULT;
    struct fdtable *fdt = current_proc()->fdt;
    struct unix_rights *r = 0;
    int err = 0;
    for (size_t off = 0; !err && off + sizeof(struct astra_cmsghdr) <= len;) {
        struct astra_cmsghdr h;
        if (uvm_copy_in(mm, &h, uctl + off, sizeof h)) {
            err = -ASTRA_EFAULT;
            break;
        }
        if (h.cmsg_len < sizeof h || h.cmsg_len > len - off) {
            err = -ASTRA_EINVAL;
            break;
        }
        uint64_t data = uctl + off + sizeof h;
        if (h.cmsg_level == ASTRA_SOL_SOCKET && h.cmsg_type == ASTRA_SCM_RIGHTS) {
            size_t n = (h.cmsg_len - sizeof h) / sizeof(int);
            if (n > ASTRA_SCM_MAX_FD || (r && r->count + n > ASTRA_SCM_MAX_FD))
                err = -ASTRA_EINVAL;
            else if (n && !r && !(r = rights_new(ASTRA_SCM_MAX_FD)))
                err = -ASTRA_ENOMEM;
            for (size_t i = 0; !err && i < n; i++) {
                int fd;
                struct file *f = 0;
                if (uvm_copy_in(mm, &fd, data + i * sizeof fd, sizeof fd))
                    err = -ASTRA_EFAULT;
                else if (!(f = fd_get(fdt, fd)))
                    err = -ASTRA_EBADF;
                else
                    (r->files[r->count++] = f)->refs++;
            }
        } else if (h.cmsg_level == ASTRA_SOL_SOCKET && h.cmsg_type == ASTRA_SCM_CREDENTIALS) {
            struct astra_ucred c;
            if (h.cmsg_len != sizeof h + sizeof c)
                err = -ASTRA_EINVAL;
            else if (uvm_copy_in(mm, &c, data, sizeof c))
                err = -ASTRA_EFAULT;
            else
                err = check_credentials(&c); /* no receiver asks for them (no SO_PASSCRED) */
        } else if (h.cmsg_level == ASTRA_SOL_SOCKET) {
            err = -ASTRA_EINVAL;
        }
        off += ASTRA_CMSG_ALIGN(h.cmsg_len);
    }
    if (r && (err || !r->count)) {
        unix_rights_put(r);
        r = 0;
    }
    *out = r;
    return err;
}

size_t unix_rights_to_control(struct unix_rights *r, uint64_t uctl, size_t len, int cloexec, int *msg_flags)
{
    struct astra_cmsghdr h = { 0, ASTRA_SOL_SOCKET, ASTRA_SCM_RIGHTS };
    size_t room = uctl && len > sizeof h ? (len - sizeof h) / sizeof(int) : 0, used = 0;
    struct mm *mm = current_mm();
    struct fdtable *fdt = current_proc()->fdt;
    unsigned i = 0;
    for (; i < r->count && i < room; i++) {
        int fd = fd_install(fdt, r->files[i], 0, cloexec);
        if (fd < 0)
            break;
        if (uvm_copy_out(mm, uctl + sizeof h + i * sizeof fd, &fd, sizeof fd)) {
            fd_close(fdt, fd); /* the file keeps the reference it had in flight */
            break;
        }
    }
    if (i) {
        h.cmsg_len = sizeof h + i * sizeof(int);
        if (!uvm_copy_out(mm, uctl, &h, sizeof h)) {
            used = ASTRA_CMSG_ALIGN(h.cmsg_len);
            if (used > len)
                used = len;
        }
    }
    if (i < r->count)
        *msg_flags |= ASTRA_MSG_CTRUNC;
    unix_rights_put(r); /* the installed descriptors hold their own references */
    return used;
}
