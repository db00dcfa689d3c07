/* epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2: the checks
 * in Linux's order, then fs/epoll.c. */
#include <astra/abi.h>

#include "arch.h"
#include "dev/time.h"
#include "fs/epoll.h"
#include "fs/vfs.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "syscall/sys_fs.h"

/* Events one call returns at most: a kernel-stack buffer. More ready items wait for the
 * next call (they are first then: reported ones move to the end). */
#define WAIT_CHUNK 128

static long epoll_create_fd(int cloexec)
{
    struct inode *ip = inode_new(0600); /* anonymous, as eventfd's */
    struct epoll *ep = ip ? epoll_new() : 0;
    if (!ep) {
        if (ip)
            inode_put(ip);
        return -ASTRA_ENOMEM;
    }
    ip->ops = &epoll_file_ops;
    ip->epoll = ep;
    struct file *f = file_new(ip, ASTRA_O_RDWR);
    if (!f) {
        inode_put(ip); /* its release frees the set */
        return -ASTRA_ENOMEM;
    }
    int fd = fd_install(current_proc()->fdt, f, 0, cloexec);
    if (fd < 0) {
        f->refs = 1; /* never got a descriptor */
        file_put(f);
    }
    return fd;
}

long ksys_epoll_create1(int flags)
{
    if (flags & ~ASTRA_EPOLL_CLOEXEC)
        return -ASTRA_EINVAL;
    return epoll_create_fd(flags & ASTRA_EPOLL_CLOEXEC);
}

long ksys_epoll_create(int size)
{
    if (size <= 0)
        return -ASTRA_EINVAL;
    return epoll_create_fd(0);
}

long ksys_epoll_ctl(int epfd, int op, int fd, uint64_t uevent)
{
    struct astra_epoll_event ev = { 0, 0 };
    if (op != ASTRA_EPOLL_CTL_DEL && uvm_copy_in(current_mm(), &ev, uevent, sizeof ev))
        return -ASTRA_EFAULT;
    struct file *ep = get_file(epfd), *tf = get_file(fd);
    if (!ep || !tf)
        return -ASTRA_EBADF;
    /* Files that cannot say when they are ready (regular files, directories, /dev/null). */
    if (!tf->inode->ops || !tf->inode->ops->poll)
        return -ASTRA_EPERM;
    if (ep == tf || !file_is_epoll(ep))
        return -ASTRA_EINVAL;
    return epoll_ctl(ep, op, tf, fd, &ev);
}

/* Waits until deadline_ns (0: forever; timeout 0: not at all) for events of epfd. */
static long epoll_wait_until(int epfd, uint64_t uevents, int maxevents, int no_wait, uint64_t deadline_ns)
{
    struct astra_epoll_event out[WAIT_CHUNK];
    if (maxevents <= 0 || (uint64_t)maxevents > 0x7fffffff / sizeof out[0])
        return -ASTRA_EINVAL;
    if (uevents >= USER_TOP || USER_TOP - uevents < (uint64_t)maxevents * sizeof out[0])
        return -ASTRA_EFAULT;
    struct file *f = get_file(epfd);
    if (!f)
        return -ASTRA_EBADF;
    if (!file_is_epoll(f))
        return -ASTRA_EINVAL;
    int max = maxevents < WAIT_CHUNK ? maxevents : WAIT_CHUNK;
    f->refs++; /* the set stays while its caller sleeps, even if its descriptor is closed */
    long r;
    for (;;) {
        r = epoll_collect(f, out, max);
        if (r || no_wait || (deadline_ns && time_monotonic_ns() >= deadline_ns))
            break;
        int w = waitq_sleep(&vfs_events, deadline_ns);
        if (w == -ASTRA_EINTR) {
            r = w;
            break;
        }
    }
    if (r > 0 && uvm_copy_out(current_mm(), uevents, out, (size_t)r * sizeof out[0]))
        r = -ASTRA_EFAULT; /* Linux loses the events too */
    file_put(f);
    return r;
}

static uint64_t deadline_after_ms(int timeout_ms)
{
    return timeout_ms <= 0 ? 0 : time_monotonic_ns() + (uint64_t)timeout_ms * 1000000;
}

long ksys_epoll_wait(int epfd, uint64_t uevents, int maxevents, int timeout)
{
    return epoll_wait_until(epfd, uevents, maxevents, timeout == 0, deadline_after_ms(timeout));
}

/* Sets the mask for the wait; the old one comes back at the return or after a handler ran,
 * as rt_sigsuspend's. */
static long set_wait_mask(uint64_t usigmask, size_t sigsetsize)
{
    if (!usigmask)
        return 0;
    uint64_t set;
    if (sigsetsize != sizeof set)
        return -ASTRA_EINVAL;
    if (uvm_copy_in(current_mm(), &set, usigmask, sizeof set))
        return -ASTRA_EFAULT;
    struct thread *t = current_thread();
    t->saved_mask = t->sig_blocked;
    t->restore_mask = 1;
    t->sig_blocked = set & ~SIG_UNBLOCKABLE;
    return 0;
}

long ksys_epoll_pwait(int epfd, uint64_t uevents, int maxevents, int timeout, uint64_t usigmask, size_t sigsetsize)
{
    long r = set_wait_mask(usigmask, sigsetsize);
    if (r)
        return r;
    return epoll_wait_until(epfd, uevents, maxevents, timeout == 0, deadline_after_ms(timeout));
}

long ksys_epoll_pwait2(int epfd, uint64_t uevents, int maxevents, uint64_t utimeout, uint64_t usigmask,
                       size_t sigsetsize)
{
    struct astra_timespec ts;
    uint64_t deadline = 0;
    int no_wait = 0;
    if (utimeout) {
        if (uvm_copy_in(current_mm(), &ts, utimeout, sizeof ts))
            return -ASTRA_EFAULT;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= ASTRA_NSEC_PER_SEC)
            return -ASTRA_EINVAL;
        if (ts.tv_sec > 1000000000) /* thirty years: as good as forever, and no overflow */
            ts.tv_sec = 1000000000;
        uint64_t ns = (uint64_t)ts.tv_sec * ASTRA_NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
        no_wait = ns == 0;
        deadline = no_wait ? 0 : time_monotonic_ns() + ns;
    }
    long r = set_wait_mask(usigmask, sigsetsize);
    if (r)
        return r;
    return epoll_wait_until(epfd, uevents, maxevents, no_wait, deadline);
}
