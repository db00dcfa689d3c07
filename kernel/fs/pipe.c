#include <astra/abi.h>

#include "arch.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

struct pipe_buffer {
    unsigned char *page;
    size_t offset, len;
};

struct pipe {
    struct pipe_buffer bufs[PIPE_PAGES];
    unsigned head, tail;        /* bufs[tail % PIPE_PAGES] .. bufs[(head - 1) % PIPE_PAGES] hold data */
    int readers, writers;       /* open files of each end */
    struct waitq readable;      /* readers waiting for data or the last writer */
    struct waitq writable;      /* writers waiting for room or the last reader */
};

static int empty(const struct pipe *p) { return p->head == p->tail; }
static int full(const struct pipe *p) { return p->head - p->tail >= PIPE_PAGES; }

struct pipe *pipe_new(void)
{
    _Static_assert(sizeof(struct pipe) <= KMALLOC_MAX, "struct pipe must fit kzalloc");
    struct pipe *p = kzalloc(sizeof *p);
    if (p)
        p->readers = p->writers = 1;
    return p;
}

/* Pollers sleep on vfs_events; readers and writers on the pipe's own queues. */
static void wake(struct waitq *wq)
{
    waitq_wake_all(wq);
    waitq_wake_all(&vfs_events);
}

void pipe_close_end(struct pipe *p, int writer)
{
    if (writer) {
        p->writers--;
        wake(&p->readable);
    } else {
        p->readers--;
        wake(&p->writable);
    }
}

void pipe_free(struct pipe *p)
{
    for (; !empty(p); p->tail++)
        pmm_free(V2P(p->bufs[p->tail % PIPE_PAGES].page));
    kfree(p);
}

long pipe_read(struct pipe *p, struct mm *mm, uint64_t ubuf, size_t n, int nonblock)
{
    if (!n)
        return 0;
    size_t done = 0;
    long r = 0;
    for (;;) {
        if (!empty(p)) {
            struct pipe_buffer *b = &p->bufs[p->tail % PIPE_PAGES];
            size_t chars = b->len < n - done ? b->len : n - done;
            if (uvm_copy_out(mm, ubuf + done, b->page + b->offset, chars)) {
                r = -ASTRA_EFAULT; /* the bytes stay in the pipe */
                break;
            }
            b->offset += chars;
            b->len -= chars;
            done += chars;
            if (!b->len) {
                pmm_free(V2P(b->page));
                p->tail++;
            }
            if (done == n)
                break;
            continue;
        }
        if (!p->writers || done)
            break;
        if (nonblock) {
            r = -ASTRA_EAGAIN;
            break;
        }
        if ((r = waitq_sleep(&p->readable, 0)))
            break;
    }
    if (done)
        wake(&p->writable);
    return done ? (long)done : r;
}

long pipe_write(struct pipe *p, struct mm *mm, uint64_t ubuf, size_t n, int nonblock)
{
    if (!n)
        return 0;
    size_t done = 0;
    long r = 0;
    /* The odd part tops up the last page when it fits; the rest goes in whole new pages, so
     * a write of at most PIPE_BUF bytes always lands in one page: atomically. */
    size_t odd = n & (PAGE_SIZE - 1);
    if (odd && !empty(p) && p->readers) {
        struct pipe_buffer *b = &p->bufs[(p->head - 1) % PIPE_PAGES];
        size_t end = b->offset + b->len;
        if (end + odd <= PAGE_SIZE) {
            if (uvm_copy_in(mm, b->page + end, ubuf, odd))
                return -ASTRA_EFAULT;
            b->len += odd;
            done = odd;
        }
    }
    while (done < n) {
        if (!p->readers) {
            signal_send_thread(current_thread(), ASTRA_SIGPIPE, signal_from_caller(ASTRA_SI_USER));
            r = -ASTRA_EPIPE;
            break;
        }
        if (!full(p)) {
            size_t chars = n - done < PAGE_SIZE ? n - done : PAGE_SIZE;
            uint64_t pa = pmm_alloc();
            if (!pa) {
                r = -ASTRA_ENOMEM;
                break;
            }
            if (uvm_copy_in(mm, P2V(pa), ubuf + done, chars)) {
                pmm_free(pa);
                r = -ASTRA_EFAULT;
                break;
            }
            p->bufs[p->head % PIPE_PAGES] = (struct pipe_buffer){ P2V(pa), 0, chars };
            p->head++;
            done += chars;
            wake(&p->readable);
            continue;
        }
        if (nonblock) {
            r = -ASTRA_EAGAIN;
            break;
        }
        if ((r = waitq_sleep(&p->writable, 0)))
            break;
    }
    if (done)
        wake(&p->readable);
    return done ? (long)done : r;
}

int pipe_poll(struct pipe *p, int writer)
{
    if (writer)
        return (full(p) ? 0 : ASTRA_POLLOUT | ASTRA_POLLWRNORM) | (p->readers ? 0 : ASTRA_POLLERR);
    return (empty(p) ? 0 : ASTRA_POLLIN | ASTRA_POLLRDNORM) | (p->writers ? 0 : ASTRA_POLLHUP);
}

size_t pipe_bytes(const struct pipe *p)
{
    size_t n = 0;
    for (unsigned i = p->tail; i != p->head; i++)
        n += p->bufs[i % PIPE_PAGES].len;
    return n;
}

/* ---- a pipe's two open files ---- */

static int is_write_end(const struct file *f) { return (f->flags & ASTRA_O_ACCMODE) == ASTRA_O_WRONLY; }

static void pipe_file_close(struct file *f) { pipe_close_end(f->inode->pipe, is_write_end(f)); }

static void pipe_file_release(struct inode *ip) { pipe_free(ip->pipe); }

static long pipe_user_io(struct file *f, struct mm *mm, uint64_t ubuf, size_t n, int writing, int nonblock)
{
    if ((f->flags & ASTRA_O_ACCMODE) != (writing ? ASTRA_O_WRONLY : ASTRA_O_RDONLY))
        return -ASTRA_EBADF;
    return writing ? pipe_write(f->inode->pipe, mm, ubuf, n, nonblock) : pipe_read(f->inode->pipe, mm, ubuf, n, nonblock);
}

static int pipe_file_poll(struct file *f) { return pipe_poll(f->inode->pipe, is_write_end(f)); }

/* FIONREAD: the bytes it holds. */
static long pipe_ioctl(struct file *f, unsigned long request, uint64_t arg)
{
    if (request != ASTRA_FIONREAD)
        return -ASTRA_ENOTTY;
    int n = (int)pipe_bytes(f->inode->pipe);
    return uvm_copy_out(current_mm(), arg, &n, sizeof n) ? -ASTRA_EFAULT : 0;
}

const struct file_ops pipe_file_ops = {
    .user_io = pipe_user_io, .poll = pipe_file_poll, .ioctl = pipe_ioctl, .close = pipe_file_close,
    .release = pipe_file_release,
};
