#include <astra/abi.h>

#include "arch.h"
#include "dev/time.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "net/socket.h"
#include "net/socket_private.h"
#include "net/unix.h"
#include "proc/proc.h"
#include "proc/signal.h"

#define UNIX_BUF_DEFAULT 212992 /* Linux's wmem_default and rmem_default */
/* What a message costs its sender beyond its bytes (Linux charges an skb's truesize): zero-length
 * messages fill a buffer too. */
#define MSG_OVERHEAD 512
#define STREAM_MSG_MAX 32768    /* a stream send is cut into messages of at most this */
#define SNDBUF_HEADROOM 32      /* a datagram may be up to sndbuf - 32 bytes, as Linux's */

/* A message queued on its receiver: its bytes in whole pages of their own. */
struct unix_msg {
    struct unix_msg *next;
    struct socket *sender;      /* charged for it; NULL once the sender is gone */
    size_t len, off;            /* bytes, and those a stream has read */
    size_t charge;
    struct unix_rights *rights; /* descriptors that came with it, or NULL */
    unsigned npages;
    unsigned char *pages[];
};

/* ---- messages ---- */

static void msg_free(struct unix_msg *m)
{
    for (unsigned i = 0; i < m->npages; i++)
        if (m->pages[i])
            pmm_free(V2P(m->pages[i]));
    struct unix_rights *r = m->rights;
    kfree(m);
    if (r)
        unix_rights_put(r); /* may release other sockets: nothing of ours is used after */
}

static struct unix_msg *msg_new(size_t len)
{
    size_t npages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
    if (sizeof(struct unix_msg) + npages * sizeof(unsigned char *) > KMALLOC_MAX)
        return 0;
    struct unix_msg *m = kzalloc(sizeof *m + npages * sizeof(unsigned char *));
    if (!m)
        return 0;
    m->len = len;
    m->npages = (unsigned)npages;
    for (unsigned i = 0; i < m->npages; i++) {
        uint64_t pa = pmm_alloc();
        if (!pa) {
            msg_free(m);
            return 0;
        }
        m->pages[i] = P2V(pa);
    }
    return m;
}

/* Moves n bytes between m (from byte `from`) and io (from byte `at`): 0 or -EFAULT. */
static int msg_move(struct unix_msg *m, size_t from, const struct unix_iov *io, size_t at, size_t n, int to_user)
{
    size_t i = 0;
    while (i < io->nseg && at >= io->seg[i].iov_len)
        at -= io->seg[i++].iov_len;
    while (n) {
        if (i >= io->nseg)
            return -ASTRA_EFAULT; /* not reached: callers stay within io->total */
        size_t avail = io->seg[i].iov_len - at;
        if (!avail) {
            i++;
            at = 0;
            continue;
        }
        size_t poff = from % PAGE_SIZE, c = PAGE_SIZE - poff;
        if (c > avail)
            c = avail;
        if (c > n)
            c = n;
        unsigned char *k = m->pages[from / PAGE_SIZE] + poff;
        uint64_t u = (uint64_t)io->seg[i].iov_base + at;
        if (to_user ? uvm_copy_out(io->mm, u, k, c) : uvm_copy_in(io->mm, k, u, c))
            return -ASTRA_EFAULT;
        from += c;
        at += c;
        n -= c;
    }
    return 0;
}

static void enqueue(struct socket *dst, struct unix_msg *m, struct socket *sender)
{
    m->sender = sender;
    m->charge = m->len + MSG_OVERHEAD;
    sender->wmem += m->charge;
    if (dst->mq_tail)
        dst->mq_tail->next = m;
    else
        dst->mq_head = m;
    dst->mq_tail = m;
    waitq_wake_all(&vfs_events);
}

/* Takes the first message off s's queue; its sender has the room back. */
static struct unix_msg *dequeue(struct socket *s)
{
    struct unix_msg *m = s->mq_head;
    s->mq_head = m->next;
    if (!s->mq_head)
        s->mq_tail = 0;
    m->next = 0;
    if (m->sender) {
        m->sender->wmem -= m->charge;
        m->sender = 0;
    }
    waitq_wake_all(&vfs_events);
    return m;
}

/* Messages of released sockets, to be freed: freeing one drops the files in flight in it,
 * which may release another socket, whose messages join this list instead of recursing (a
 * chain of sockets each queued in the next is as deep as a program makes it). */
static struct unix_msg *reaped;
static int reaping;

static void reap(struct unix_msg *queue)
{
    while (queue) {
        struct unix_msg *m = queue;
        queue = m->next;
        m->next = reaped;
        reaped = m;
    }
    if (reaping)
        return; /* an outer call is freeing the list */
    reaping = 1;
    while (reaped) {
        struct unix_msg *m = reaped;
        reaped = m->next;
        msg_free(m);
    }
    reaping = 0;
}

/* ---- pairs ---- */

int unix_pair(int type, struct socket **a, struct socket **b)
{
    struct socket *s[2] = { kzalloc(sizeof(struct socket)), kzalloc(sizeof(struct socket)) };
    if (!s[0] || !s[1]) {
        kfree(s[0]);
        kfree(s[1]);
        return -ASTRA_ENOMEM;
    }
    for (int i = 0; i < 2; i++) {
        s[i]->family = ASTRA_AF_UNIX;
        s[i]->type = type;
        s[i]->local.ss_family = s[i]->remote.ss_family = ASTRA_AF_UNIX;
        s[i]->has_remote = 1;
        s[i]->state = CONNECTED;
        s[i]->rcvbuf = s[i]->sndbuf = UNIX_BUF_DEFAULT;
        s[i]->peer = s[1 - i];
    }
    *a = s[0];
    *b = s[1];
    return 0;
}

void unix_release(struct socket *s)
{
    struct socket *p = s->peer;
    for (struct unix_msg *m = s->mq_head; m; m = m->next)
        if (m->sender) {
            m->sender->wmem -= m->charge;
            m->sender = 0;
        }
    if (p) {
        for (struct unix_msg *m = p->mq_head; m; m = m->next)
            if (m->sender == s)
                m->sender = 0;
        p->peer = 0;
        if (s->type == ASTRA_SOCK_DGRAM) {
            p->peer_dead = 1;
        } else {
            p->read_shut = p->write_shut = 1;
            if (s->mq_head)
                p->so_error = ASTRA_ECONNRESET; /* closed with unread data: Linux resets */
        }
    }
    struct unix_msg *queue = s->mq_head;
    kfree(s);
    waitq_wake_all(&vfs_events);
    reap(queue);
}

int unix_shutdown(struct socket *s, int how)
{
    int rd = how != ASTRA_SHUT_WR, wr = how != ASTRA_SHUT_RD;
    s->read_shut |= rd;
    s->write_shut |= wr;
    if (s->peer && s->type != ASTRA_SOCK_DGRAM) {
        s->peer->write_shut |= rd;
        s->peer->read_shut |= wr;
    }
    waitq_wake_all(&vfs_events);
    return 0;
}

int unix_poll(const struct socket *s)
{
    int ev = 0;
    if (s->so_error)
        ev |= ASTRA_POLLERR;
    if (s->read_shut)
        ev |= ASTRA_POLLRDHUP | ASTRA_POLLIN | ASTRA_POLLRDNORM;
    if (s->read_shut && s->write_shut)
        ev |= ASTRA_POLLHUP;
    if (s->mq_head)
        ev |= ASTRA_POLLIN | ASTRA_POLLRDNORM;
    if (s->wmem * 4 <= (size_t)s->sndbuf)
        ev |= ASTRA_POLLOUT | ASTRA_POLLWRNORM | ASTRA_POLLWRBAND;
    return ev;
}

/* ---- sending ---- */

static int take_error(struct socket *s)
{
    int e = s->so_error;
    s->so_error = 0;
    return -e;
}

/* Waits until s may queue another message, as Linux's sock_alloc_send_pskb: 0, a pending
 * error, -EPIPE after shutdown, -EAGAIN (non-blocking or SO_SNDTIMEO) or -EINTR. */
static int wait_for_room(struct socket *s, int nonblock, uint64_t start)
{
    for (;;) {
        if (s->so_error)
            return take_error(s);
        if (s->write_shut)
            return -ASTRA_EPIPE;
        if (s->wmem < (size_t)s->sndbuf)
            return 0;
        if (nonblock)
            return -ASTRA_EAGAIN;
        int r = socket_wait(start, s->sndtimeo_ns);
        if (r)
            return r;
    }
}

static long message_send(struct socket *s, const struct unix_iov *io, struct unix_rights *rights, int flags,
                         int nonblock)
{
    long r = 0;
    if (s->type == ASTRA_SOCK_SEQPACKET && s->so_error)
        r = take_error(s);
    else if (flags & ASTRA_MSG_OOB)
        r = -ASTRA_EOPNOTSUPP;
    else if (io->total > (size_t)s->sndbuf - SNDBUF_HEADROOM)
        r = -ASTRA_EMSGSIZE;
    else
        r = wait_for_room(s, nonblock, time_monotonic_ns());
    struct unix_msg *m = 0;
    if (!r && !(m = msg_new(io->total)))
        r = -ASTRA_ENOBUFS;
    if (!r && (r = msg_move(m, 0, io, 0, io->total, 0)) == 0) {
        struct socket *p = s->peer;
        if (!p && s->peer_dead) {
            s->peer_dead = 0; /* Linux disconnects: the next send is ENOTCONN */
            s->has_remote = 0;
            r = -ASTRA_ECONNREFUSED;
        } else if (!p) {
            r = -ASTRA_ENOTCONN;
        } else if (p->read_shut) {
            r = -ASTRA_EPIPE;
        } else {
            m->rights = rights;
            enqueue(p, m, s);
            return (long)io->total;
        }
    }
    if (m)
        msg_free(m);
    if (rights)
        unix_rights_put(rights);
    return r;
}

/* A stream's bytes go as messages of at most STREAM_MSG_MAX (half the send buffer at most,
 * as Linux's), the descriptors with the first. */
static long stream_send(struct socket *s, const struct unix_iov *io, struct unix_rights *rights, int flags,
                        int nonblock)
{
    size_t sent = 0;
    long err = 0;
    uint64_t start = time_monotonic_ns();
    if (flags & ASTRA_MSG_OOB)
        err = -ASTRA_EOPNOTSUPP;
    else if (s->write_shut)
        err = -ASTRA_EPIPE;
    while (!err && sent < io->total) {
        if ((err = wait_for_room(s, nonblock, start)))
            break;
        size_t size = io->total - sent, most = (size_t)s->sndbuf / 2 - 64;
        if (size > most)
            size = most;
        if (size > STREAM_MSG_MAX)
            size = STREAM_MSG_MAX;
        struct unix_msg *m = msg_new(size);
        if (!m) {
            err = -ASTRA_ENOBUFS;
            break;
        }
        if ((err = msg_move(m, 0, io, sent, size, 0)) || !s->peer || s->peer->read_shut) {
            msg_free(m);
            err = err ? err : -ASTRA_EPIPE;
            break;
        }
        m->rights = rights;
        rights = 0;
        enqueue(s->peer, m, s);
        sent += size;
    }
    if (rights)
        unix_rights_put(rights); /* nothing was sent (a zero-length send drops them, as Linux) */
    if (!sent && err == -ASTRA_EPIPE && !(flags & ASTRA_MSG_NOSIGNAL))
        signal_send_thread(current_thread(), ASTRA_SIGPIPE, signal_from_caller(ASTRA_SI_USER));
    return sent ? (long)sent : err;
}

long unix_send(struct socket *s, const struct unix_iov *io, struct unix_rights *rights, int flags, int nonblock)
{
    if (s->type == ASTRA_SOCK_STREAM)
        return stream_send(s, io, rights, flags, nonblock);
    return message_send(s, io, rights, flags, nonblock);
}

#define SOCKADDR_UN_SIZE 110

int unix_name_error(const struct astra_sockaddr_storage *a, unsigned len)
{
    if (len <= sizeof a->ss_family || len > SOCKADDR_UN_SIZE || a->ss_family != ASTRA_AF_UNIX)
        return -ASTRA_EINVAL;
    return a->ss_data[0] ? -ASTRA_ENOENT : -ASTRA_ECONNREFUSED;
}

int unix_send_to_name(struct socket *s, const struct astra_sockaddr_storage *a, unsigned len)
{
    if (s->type == ASTRA_SOCK_SEQPACKET)
        return 0;
    if (s->type == ASTRA_SOCK_STREAM)
        return -ASTRA_EISCONN;
    return unix_name_error(a, len);
}

/* ---- receiving ---- */

/* Datagram and seqpacket: one message, whole or cut (MSG_TRUNC). */
static long message_recv(struct socket *s, const struct unix_iov *io, int flags, int nonblock,
                         struct unix_rights **rights, int *msg_flags)
{
    if (flags & ASTRA_MSG_OOB)
        return -ASTRA_EOPNOTSUPP;
    uint64_t start = time_monotonic_ns();
    for (;;) {
        if (s->so_error)
            return take_error(s);
        if (s->mq_head)
            break;
        if (s->read_shut) /* a seqpacket's end of file; a datagram socket's blocking read too */
            return s->type == ASTRA_SOCK_SEQPACKET || !nonblock ? 0 : -ASTRA_EAGAIN;
        if (nonblock)
            return -ASTRA_EAGAIN;
        int r = socket_wait(start, s->rcvtimeo_ns);
        if (r)
            return r;
    }
    int peek = flags & ASTRA_MSG_PEEK;
    struct unix_msg *m = peek ? s->mq_head : dequeue(s);
    size_t len = m->len, n = io->total < len ? io->total : len;
    if (msg_move(m, 0, io, 0, n, 1)) {
        if (!peek)
            msg_free(m); /* lost, as on Linux */
        return -ASTRA_EFAULT;
    }
    if (n < len)
        *msg_flags |= ASTRA_MSG_TRUNC;
    if (peek) {
        *rights = m->rights ? unix_rights_dup(m->rights) : 0;
    } else {
        *rights = m->rights;
        m->rights = 0;
        msg_free(m);
    }
    return (long)(flags & ASTRA_MSG_TRUNC ? len : n);
}

/* A stream: bytes of several messages joined, stopping after one that carried descriptors
 * (the descriptors come with the first read that takes any of its bytes), as Linux. */
static long stream_recv(struct socket *s, const struct unix_iov *io, int flags, int nonblock,
                        struct unix_rights **rights)
{
    if (flags & ASTRA_MSG_OOB)
        return -ASTRA_EINVAL;
    int peek = flags & ASTRA_MSG_PEEK;
    size_t target = flags & ASTRA_MSG_WAITALL && io->total ? io->total : 1, copied = 0;
    long err = 0;
    uint64_t start = time_monotonic_ns();
    struct unix_msg *m = s->mq_head;
    struct unix_rights *got = 0;
    do {
        if (!m) {
            if (copied >= target || (peek && copied))
                break;
            if (s->so_error) {
                err = take_error(s);
                break;
            }
            if (s->read_shut)
                break;
            if (nonblock) {
                err = -ASTRA_EAGAIN;
                break;
            }
            if ((err = socket_wait(start, s->rcvtimeo_ns)))
                break;
            m = s->mq_head;
            continue;
        }
        size_t chunk = m->len - m->off;
        if (chunk > io->total - copied)
            chunk = io->total - copied;
        if (msg_move(m, m->off, io, copied, chunk, 1)) {
            if (!copied)
                err = -ASTRA_EFAULT;
            break;
        }
        copied += chunk;
        if (peek) {
            if (m->rights) {
                got = unix_rights_dup(m->rights);
                break;
            }
            m = m->next;
            continue;
        }
        m->off += chunk;
        if (m->rights) {
            got = m->rights;
            m->rights = 0;
        }
        if (m->off < m->len)
            break;
        msg_free(dequeue(s));
        if (got)
            break;
        m = s->mq_head;
    } while (copied < io->total);
    *rights = got;
    return copied ? (long)copied : err;
}

long unix_recv(struct socket *s, const struct unix_iov *io, int flags, int nonblock, struct unix_rights **rights,
               int *msg_flags)
{
    *rights = 0;
    if (s->type == ASTRA_SOCK_STREAM)
        return stream_recv(s, io, flags, nonblock, rights);
    return message_recv(s, io, flags, nonblock, rights, msg_flags);
}

/* ---- the open file: read and write without addresses or descriptors ---- */

static long unix_file_user_io(struct file *f, struct mm *mm, uint64_t ubuf, size_t n, int writing, int nonblock)
{
    struct socket *s = f->inode->sock;
    struct astra_iovec seg = { (void *)ubuf, n };
    struct unix_iov io = { mm, &seg, 1, n };
    if (writing)
        return unix_send(s, &io, 0, 0, nonblock);
    if (!n)
        return 0; /* as Linux's read of a socket, which asks nothing of it */
    struct unix_rights *rights;
    int msg_flags = 0;
    long r = unix_recv(s, &io, 0, nonblock, &rights, &msg_flags);
    if (rights)
        unix_rights_put(rights);
    return r;
}

static int unix_file_poll(struct file *f) { return unix_poll(f->inode->sock); }

static void unix_file_release(struct inode *ip) { socket_release(ip->sock); }

const struct file_ops unix_file_ops = {
    .user_io = unix_file_user_io, .poll = unix_file_poll, .release = unix_file_release, .anonymous = 1,
};
