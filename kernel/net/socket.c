#include <astra/abi.h>

#include "arch.h"
#include "dev/time.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "mm/kmalloc.h"
#include "net/inet.h"
#include "net/socket.h"
#include "net/socket_private.h"
#include "net/unix.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"

#define RING_SIZE KSTACK_SIZE            /* one kernel region per stream direction */
#define DGRAM_MAX DGRAM_BUFFER_MAX
#define DGRAM_QUEUE_MAX (256 * 1024)     /* bytes queued on one datagram socket */
#define EPHEMERAL_FIRST 32768
#define EPHEMERAL_LAST 60999
#define SOCKET_BUF_MAX 212992            /* Linux's default wmem_max and rmem_max */
#define SOCKET_SNDBUF_MIN 4608
#define SOCKET_RCVBUF_MIN 2304

static struct socket *bound;
static uint16_t next_ephemeral = EPHEMERAL_FIRST;

/* ---- addresses ---- */

static unsigned addr_len(int family)
{
    if (family == ASTRA_AF_UNIX)
        return sizeof(uint16_t); /* socketpair's sockets have no name: the family alone */
    return family == ASTRA_AF_INET ? sizeof(struct astra_sockaddr_in) : sizeof(struct astra_sockaddr_in6);
}

static uint16_t addr_port(const struct astra_sockaddr_storage *a)
{
    uint16_t be = ((const struct astra_sockaddr_in *)a)->sin_port; /* same offset in both */
    return (uint16_t)((be >> 8) | (be << 8));
}

static void set_port(struct astra_sockaddr_storage *a, uint16_t port)
{
    ((struct astra_sockaddr_in *)a)->sin_port = (uint16_t)((port >> 8) | (port << 8));
}

static int is_any(const struct astra_sockaddr_storage *a)
{
    if (a->ss_family == ASTRA_AF_INET)
        return ((const struct astra_sockaddr_in *)a)->sin_addr.s_addr == 0;
    const uint8_t *b = ((const struct astra_sockaddr_in6 *)a)->sin6_addr.bytes;
    for (int i = 0; i < 16; i++)
        if (b[i])
            return 0;
    return 1;
}

/* This machine's addresses: 127.0.0.0/8 and ::1 (and "any"). */
static int is_local(const struct astra_sockaddr_storage *a)
{
    if (is_any(a))
        return 1;
    if (a->ss_family == ASTRA_AF_INET)
        return (((const uint8_t *)&((const struct astra_sockaddr_in *)a)->sin_addr.s_addr)[0]) == 127;
    const uint8_t *b = ((const struct astra_sockaddr_in6 *)a)->sin6_addr.bytes;
    for (int i = 0; i < 15; i++)
        if (b[i])
            return 0;
    return b[15] == 1;
}

static int same_host(const struct astra_sockaddr_storage *a, const struct astra_sockaddr_storage *b)
{
    if (a->ss_family == ASTRA_AF_INET)
        return ((const struct astra_sockaddr_in *)a)->sin_addr.s_addr ==
               ((const struct astra_sockaddr_in *)b)->sin_addr.s_addr;
    return !memcmp(((const struct astra_sockaddr_in6 *)a)->sin6_addr.bytes,
                   ((const struct astra_sockaddr_in6 *)b)->sin6_addr.bytes, 16);
}

/* The loopback address of a family, for the local side of a connection to "any". */
static void loopback(int family, struct astra_sockaddr_storage *a)
{
    memset(a, 0, sizeof *a);
    a->ss_family = (uint16_t)family;
    if (family == ASTRA_AF_INET)
        ((struct astra_sockaddr_in *)a)->sin_addr.s_addr = 0x0100007f; /* 127.0.0.1 */
    else
        ((struct astra_sockaddr_in6 *)a)->sin6_addr.bytes[15] = 1;
}

/* Whether s (bound) also takes traffic from the network card: IPv4, bound to "any" (even
 * before the card has its address) or to the card's address. */
static int reaches_network(const struct socket *s)
{
    return s->family == ASTRA_AF_INET && ((is_any(&s->local) && inet_present()) || inet_is_host(&s->local));
}

static int check_addr(const struct socket *s, const struct astra_sockaddr_storage *a, unsigned len)
{
    if (len < sizeof a->ss_family || len > sizeof *a)
        return -ASTRA_EINVAL;
    if (a->ss_family != s->family)
        return s->family == ASTRA_AF_INET ? -ASTRA_EAFNOSUPPORT : -ASTRA_EINVAL;
    return len < addr_len(s->family) ? -ASTRA_EINVAL : 0;
}

/* ---- ports ---- */

static struct socket *find_bound(int family, int type, uint16_t port, const struct astra_sockaddr_storage *to,
                                 int listening)
{
    for (struct socket *s = bound; s; s = s->next)
        if (s->family == family && s->type == type && s->port == port &&
            (!listening || s->state == LISTENING) && (is_any(&s->local) || same_host(&s->local, to)))
            return s;
    return 0;
}

static int port_taken(const struct socket *s, uint16_t port)
{
    for (struct socket *o = bound; o; o = o->next)
        if (o != s && o->family == s->family && o->type == s->type && o->port == port &&
            (!s->reuseaddr || !o->reuseaddr || o->state == LISTENING) &&
            (is_any(&o->local) || is_any(&s->local) || same_host(&o->local, &s->local)))
            return 1;
    return 0;
}

static int assign_port(struct socket *s, uint16_t port)
{
    if (!port) {
        for (int tries = 0; tries <= EPHEMERAL_LAST - EPHEMERAL_FIRST && !port; tries++) {
            uint16_t p = next_ephemeral;
            next_ephemeral = next_ephemeral == EPHEMERAL_LAST ? EPHEMERAL_FIRST : next_ephemeral + 1;
            if (!port_taken(s, p))
                port = p;
        }
        if (!port)
            return -ASTRA_EADDRINUSE;
    } else if (port_taken(s, port)) {
        return -ASTRA_EADDRINUSE;
    }
    s->port = port;
    set_port(&s->local, port);
    if (s->state == UNBOUND)
        s->state = BOUND;
    s->next = bound;
    bound = s;
    return 0;
}

static int autobind(struct socket *s)
{
    if (s->port)
        return 0;
    memset(&s->local, 0, sizeof s->local);
    s->local.ss_family = (uint16_t)s->family;
    return assign_port(s, 0);
}

/* ---- life cycle ---- */

int socket_create(int domain, int type, int protocol, struct socket **out)
{
    if (domain != ASTRA_AF_INET && domain != ASTRA_AF_INET6)
        return -ASTRA_EAFNOSUPPORT;
    if (type != ASTRA_SOCK_STREAM && type != ASTRA_SOCK_DGRAM)
        return -ASTRA_EINVAL;
    if (protocol && protocol != (type == ASTRA_SOCK_STREAM ? ASTRA_IPPROTO_TCP : ASTRA_IPPROTO_UDP))
        return -ASTRA_EPROTONOSUPPORT;
    struct socket *s = kzalloc(sizeof *s);
    if (!s)
        return -ASTRA_ENOMEM;
    s->family = domain;
    s->type = type;
    s->local.ss_family = (uint16_t)domain;
    s->ttl = 64;
    s->rcvbuf = s->sndbuf = RING_SIZE;
    *out = s;
    return 0;
}

static void free_socket(struct socket *s)
{
    inet_close(s);
    for (struct socket **l = &bound; *l; l = &(*l)->next)
        if (*l == s) {
            *l = s->next;
            break;
        }
    while (s->dq_head) {
        struct datagram *d = s->dq_head;
        s->dq_head = d->next;
        kvm_free(d);
    }
    if (s->ring)
        kvm_free(s->ring);
    kfree(s);
}

void socket_release(struct socket *s)
{
    if (s->family == ASTRA_AF_UNIX) {
        unix_release(s);
        return;
    }
    if (s->peer) {
        s->peer->peer = 0;
        s->peer->eof = 1;
        if (s->len)
            s->peer->so_error = ASTRA_ECONNRESET; /* closed with unread data: Linux resets */
    }
    /* Connections never accepted are reset. */
    while (s->queue_head) {
        struct socket *c = s->queue_head;
        s->queue_head = c->queue_next;
        if (c->peer) {
            c->peer->peer = 0;
            c->peer->eof = 1;
            c->peer->so_error = ASTRA_ECONNRESET;
        }
        free_socket(c);
    }
    free_socket(s);
    waitq_wake_all(&vfs_events);
}

int socket_bind(struct socket *s, const struct astra_sockaddr_storage *a, unsigned len)
{
    if (s->family == ASTRA_AF_UNIX)
        return -ASTRA_EOPNOTSUPP; /* named Unix-domain sockets do not exist here */
    int r = check_addr(s, a, len);
    if (r)
        return r;
    if (s->port)
        return -ASTRA_EINVAL;
    if (!is_local(a) && !inet_is_host(a))
        return -ASTRA_EADDRNOTAVAIL;
    memcpy(&s->local, a, addr_len(s->family));
    if ((r = assign_port(s, addr_port(a))))
        return r;
    return s->type == ASTRA_SOCK_DGRAM && reaches_network(s) ? inet_udp_open(s) : 0;
}

int socket_listen(struct socket *s, int backlog)
{
    if (s->family == ASTRA_AF_UNIX) /* as Linux for a socket without a name */
        return s->type == ASTRA_SOCK_DGRAM ? -ASTRA_EOPNOTSUPP : -ASTRA_EINVAL;
    if (s->type != ASTRA_SOCK_STREAM)
        return -ASTRA_EOPNOTSUPP;
    if (s->state == CONNECTED)
        return -ASTRA_EINVAL;
    int r = autobind(s);
    if (r)
        return r;
    s->backlog = backlog < 1 ? 1 : backlog > 4096 ? 4096 : backlog;
    if (s->state != LISTENING && reaches_network(s) && (r = inet_listen(s)))
        return r;
    s->state = LISTENING;
    return 0;
}

/* Sleeps on the event queue until `timeout_ns` from `start` (0: forever); 0, -EAGAIN when
 * the time is up (a socket timeout reads as EAGAIN), or -EINTR. */
int socket_wait(uint64_t start, uint64_t timeout_ns)
{
    int r = waitq_sleep(&vfs_events, timeout_ns ? start + timeout_ns : 0);
    return r == -ASTRA_ETIMEDOUT ? -ASTRA_EAGAIN : r;
}

int socket_wait_data(struct socket *s, int (*readable)(const struct socket *), size_t n, int nonblock)
{
    uint64_t start = time_monotonic_ns();
    while (!readable(s)) {
        if (s->so_error) {
            int e = s->so_error;
            s->so_error = 0;
            return -e;
        }
        if (s->eof || s->read_shut || !n)
            return 0;
        if (nonblock)
            return -ASTRA_EAGAIN;
        int r = socket_wait(start, s->rcvtimeo_ns);
        if (r)
            return r;
    }
    return 1;
}

static int loopback_readable(const struct socket *s) { return s->len != 0; }

int socket_accept(struct socket *s, int nonblock, struct socket **out)
{
    if (s->family == ASTRA_AF_UNIX) /* a pair's socket never listens */
        return s->type == ASTRA_SOCK_DGRAM ? -ASTRA_EOPNOTSUPP : -ASTRA_EINVAL;
    if (s->state != LISTENING)
        return -ASTRA_EINVAL;
    uint64_t start = time_monotonic_ns();
    while (!s->queue_head) {
        if (nonblock)
            return -ASTRA_EAGAIN;
        if (reaches_network(s))
            inet_wait_here(); /* the card's next frame may be the connection */
        int r = socket_wait(start, s->rcvtimeo_ns);
        if (r)
            return r;
        if (s->state != LISTENING)
            return -ASTRA_EINVAL;
    }
    struct socket *c = s->queue_head;
    s->queue_head = c->queue_next;
    s->queued--;
    *out = c;
    return 0;
}

static unsigned char *new_ring(void) { return kvm_zalloc(RING_SIZE); }

int socket_connect(struct socket *s, const struct astra_sockaddr_storage *a, unsigned len, int nonblock)
{
    if (s->family == ASTRA_AF_UNIX)
        return unix_name_error(a, len);
    if (s->type == ASTRA_SOCK_DGRAM) {
        if (len >= sizeof a->ss_family && a->ss_family == ASTRA_AF_UNSPEC) {
            s->has_remote = 0;
            return 0;
        }
        int r = check_addr(s, a, len);
        if (r || (r = autobind(s)))
            return r;
        if (!s->udp && reaches_network(s) && (r = inet_udp_open(s)))
            return r;
        memcpy(&s->remote, a, addr_len(s->family));
        s->has_remote = 1;
        return 0;
    }
    int r = check_addr(s, a, len);
    if (r)
        return r;
    if (s->state == CONNECTED)
        return -ASTRA_EISCONN;
    if (s->state == LISTENING)
        return -ASTRA_EINVAL;
    if (s->connecting)
        return -ASTRA_EALREADY;
    if (!is_local(a) && !inet_is_host(a))
        return s->family == ASTRA_AF_INET && inet_ready() ? inet_connect(s, a, nonblock) : -ASTRA_ENETUNREACH;
    struct socket *l = find_bound(s->family, ASTRA_SOCK_STREAM, addr_port(a), a, 1);
    if (!l || l->queued >= l->backlog) {
        if (!nonblock)
            return -ASTRA_ECONNREFUSED;
        s->so_error = ASTRA_ECONNREFUSED; /* reported through poll and SO_ERROR, as Linux does */
        return -ASTRA_EINPROGRESS;
    }
    struct socket *c;
    if ((r = socket_create(s->family, ASTRA_SOCK_STREAM, 0, &c)))
        return r;
    if (!(c->ring = new_ring()) || (!s->ring && !(s->ring = new_ring())) || (r = autobind(s))) {
        free_socket(c);
        return r ? r : -ASTRA_ENOMEM;
    }
    if (is_any(&s->local)) {
        loopback(s->family, &s->local);
        set_port(&s->local, s->port);
    }
    /* The accepted side: local is where the client connected, remote the client. */
    memcpy(&c->local, a, addr_len(s->family));
    memcpy(&c->remote, &s->local, addr_len(s->family));
    c->has_remote = 1;
    c->state = CONNECTED;
    c->nodelay = l->nodelay;
    memcpy(&s->remote, a, addr_len(s->family));
    s->has_remote = 1;
    s->state = CONNECTED;
    s->peer = c;
    c->peer = s;
    socket_queue_connection(l, c);
    return nonblock ? -ASTRA_EINPROGRESS : 0;
}

int socket_queue_connection(struct socket *l, struct socket *c)
{
    if (l->queued >= l->backlog)
        return -1;
    struct socket **tail = &l->queue_head;
    while (*tail)
        tail = &(*tail)->queue_next;
    *tail = c;
    l->queued++;
    waitq_wake_all(&vfs_events);
    return 0;
}

/* ---- data ---- */

static long stream_send(struct socket *s, const unsigned char *buf, size_t n, int nonblock)
{
    if (s->net)
        return inet_send(s, buf, n, nonblock);
    if (s->state != CONNECTED)
        return -ASTRA_EPIPE; /* as Linux's TCP: not ENOTCONN */
    uint64_t start = time_monotonic_ns();
    size_t done = 0;
    while (done < n) {
        struct socket *p = s->peer;
        if (s->write_shut || !p || p->read_shut)
            return done ? (long)done : -ASTRA_EPIPE;
        size_t room = RING_SIZE - p->len;
        if (!room) {
            if (nonblock || done)
                return done ? (long)done : -ASTRA_EAGAIN;
            int r = socket_wait(start, s->sndtimeo_ns);
            if (r)
                return done ? (long)done : r;
            continue;
        }
        size_t chunk = n - done < room ? n - done : room;
        for (size_t i = 0; i < chunk; i++)
            p->ring[(p->head + p->len + i) % RING_SIZE] = buf[done + i];
        p->len += chunk;
        done += chunk;
        waitq_wake_all(&vfs_events);
    }
    return (long)done;
}

static long stream_recv(struct socket *s, unsigned char *buf, size_t n, int flags, int nonblock)
{
    if (s->state != CONNECTED)
        return s->type == ASTRA_SOCK_STREAM && s->state != LISTENING ? -ASTRA_ENOTCONN : -ASTRA_EINVAL;
    if (s->net)
        return inet_recv(s, buf, n, flags, nonblock);
    int ready = socket_wait_data(s, loopback_readable, n, nonblock);
    if (ready <= 0)
        return ready;
    size_t got = n < s->len ? n : s->len;
    for (size_t i = 0; i < got; i++)
        buf[i] = s->ring[(s->head + i) % RING_SIZE];
    if (!(flags & ASTRA_MSG_PEEK)) {
        s->head = (s->head + got) % RING_SIZE;
        s->len -= got;
        waitq_wake_all(&vfs_events);
    }
    return (long)got;
}

static long dgram_send(struct socket *s, const unsigned char *buf, size_t n,
                       const struct astra_sockaddr_storage *to, unsigned tolen)
{
    int r;
    if (to) {
        if ((r = check_addr(s, to, tolen)))
            return r;
    } else if (!s->has_remote) {
        return -ASTRA_EDESTADDRREQ;
    } else {
        to = &s->remote;
    }
    if (n > DGRAM_MAX)
        return -ASTRA_EMSGSIZE;
    int network = !is_local(to) && !inet_is_host(to);
    if (network && !(s->family == ASTRA_AF_INET && inet_ready()))
        return -ASTRA_ENETUNREACH;
    if ((r = autobind(s)))
        return r;
    if (network)
        return inet_udp_send(s, buf, n, to);
    struct socket *dst = find_bound(s->family, ASTRA_SOCK_DGRAM, addr_port(to), to, 0);
    if (!dst)
        return (long)n; /* like UDP: a datagram nobody can take is dropped */
    struct astra_sockaddr_storage from = s->local;
    if (is_any(&from)) {
        loopback(s->family, &from);
        set_port(&from, s->port);
    }
    return (r = socket_queue_datagram(dst, &from, buf, n)) ? r : (long)n;
}

/* Whether a datagram from `from` may reach s: a connected datagram socket takes only its
 * peer's, as on Linux (a peer of "any" is the loopback address there too). */
static int accepts_from(const struct socket *s, const struct astra_sockaddr_storage *from)
{
    if (!s->has_remote)
        return 1;
    struct astra_sockaddr_storage peer = s->remote;
    if (is_any(&peer)) {
        loopback(s->family, &peer);
        set_port(&peer, addr_port(&s->remote));
    }
    return from->ss_family == peer.ss_family && addr_port(from) == addr_port(&peer) && same_host(from, &peer);
}

int socket_queue_datagram(struct socket *dst, const struct astra_sockaddr_storage *from, const void *data, size_t n)
{
    if (dst->read_shut || dst->dq_bytes + n > DGRAM_QUEUE_MAX || !accepts_from(dst, from))
        return 0;
    struct datagram *d = kvm_zalloc(sizeof *d + n);
    if (!d)
        return -ASTRA_ENOBUFS;
    d->from = *from;
    d->fromlen = addr_len(dst->family);
    d->len = n;
    memcpy(d->data, data, n);
    if (dst->dq_tail)
        dst->dq_tail->next = d;
    else
        dst->dq_head = d;
    dst->dq_tail = d;
    dst->dq_bytes += n;
    waitq_wake_all(&vfs_events);
    return 0;
}

static long dgram_recv(struct socket *s, unsigned char *buf, size_t n, int flags, int nonblock,
                       struct astra_sockaddr_storage *from, unsigned *fromlen)
{
    uint64_t start = time_monotonic_ns();
    while (!s->dq_head) {
        if (s->read_shut)
            return 0;
        if (nonblock)
            return -ASTRA_EAGAIN;
        if (s->udp)
            inet_wait_here(); /* the datagram may come from the card */
        int r = socket_wait(start, s->rcvtimeo_ns);
        if (r)
            return r;
    }
    struct datagram *d = s->dq_head;
    size_t got = n < d->len ? n : d->len;
    memcpy(buf, d->data, got);
    if (from) {
        *from = d->from;
        *fromlen = d->fromlen;
    }
    if (!(flags & ASTRA_MSG_PEEK)) {
        s->dq_head = d->next;
        if (!s->dq_head)
            s->dq_tail = 0;
        s->dq_bytes -= d->len;
        kvm_free(d);
    }
    return (long)got; /* the rest of a longer datagram is discarded, as UDP does */
}

long socket_send(struct socket *s, const void *buf, size_t n, int nonblock,
                 const struct astra_sockaddr_storage *to, unsigned tolen)
{
    if (s->type == ASTRA_SOCK_DGRAM)
        return dgram_send(s, buf, n, to, tolen);
    return stream_send(s, buf, n, nonblock);
}

long socket_recv(struct socket *s, void *buf, size_t n, int flags, int nonblock,
                 struct astra_sockaddr_storage *from, unsigned *fromlen)
{
    if (s->type == ASTRA_SOCK_DGRAM)
        return dgram_recv(s, buf, n, flags, nonblock, from, fromlen);
    long r = stream_recv(s, buf, n, flags, nonblock);
    if (r >= 0 && from) {
        *from = s->remote;
        *fromlen = addr_len(s->family);
    }
    return r;
}

int socket_shutdown(struct socket *s, int how)
{
    if (how < ASTRA_SHUT_RD || how > ASTRA_SHUT_RDWR)
        return -ASTRA_EINVAL;
    if (s->family == ASTRA_AF_UNIX)
        return unix_shutdown(s, how);
    /* Like Linux, an unconnected socket reports ENOTCONN but keeps the shutdown. */
    int connected = s->state == CONNECTED || (s->type == ASTRA_SOCK_DGRAM && s->has_remote);
    if (how != ASTRA_SHUT_WR)
        s->read_shut = 1;
    if (how != ASTRA_SHUT_RD) {
        s->write_shut = 1;
        if (s->peer)
            s->peer->eof = 1;
    }
    if (s->net)
        inet_shutdown(s, how);
    waitq_wake_all(&vfs_events);
    return connected ? 0 : -ASTRA_ENOTCONN;
}

int socket_name(struct socket *s, int peer, struct astra_sockaddr_storage *out)
{
    if (peer && !(s->has_remote && (s->type == ASTRA_SOCK_DGRAM || s->state == CONNECTED)))
        return -ASTRA_ENOTCONN;
    *out = peer ? s->remote : s->local;
    return (int)addr_len(s->family);
}

int socket_is_datagram(const struct socket *s) { return s->type == ASTRA_SOCK_DGRAM; }

int socket_poll(struct socket *s)
{
    int ev = 0;
    if (s->family == ASTRA_AF_UNIX)
        return unix_poll(s);
    if (s->state == LISTENING)
        return s->queue_head ? ASTRA_POLLIN | ASTRA_POLLRDNORM : 0;
    if (s->type == ASTRA_SOCK_DGRAM)
        return (s->dq_head ? ASTRA_POLLIN | ASTRA_POLLRDNORM : 0) | ASTRA_POLLOUT | ASTRA_POLLWRNORM;
    if (s->net || s->connecting)
        return inet_poll(s);
    if (s->so_error)
        ev |= ASTRA_POLLERR;
    if (s->state != CONNECTED)
        return ev | (s->so_error ? ASTRA_POLLOUT | ASTRA_POLLHUP : 0);
    if (s->len || s->eof || s->read_shut)
        ev |= ASTRA_POLLIN | ASTRA_POLLRDNORM;
    if (s->eof)
        ev |= ASTRA_POLLRDHUP;
    /* As Linux: after shutdown(SHUT_WR) a write fails at once (writable); both directions
     * shut is a hang-up. */
    if ((!s->peer && s->eof) || ((s->eof || s->read_shut) && s->write_shut))
        ev |= ASTRA_POLLHUP;
    if (s->write_shut || (s->peer && s->peer->len < RING_SIZE))
        ev |= ASTRA_POLLOUT | ASTRA_POLLWRNORM;
    return ev;
}

/* ---- options ---- */

static int *int_option(struct socket *s, int level, int name)
{
    if (level == ASTRA_SOL_SOCKET) {
        switch (name) {
        case ASTRA_SO_REUSEADDR: return &s->reuseaddr;
        case ASTRA_SO_KEEPALIVE: return &s->keepalive;
        case ASTRA_SO_BROADCAST: return &s->broadcast;
        case ASTRA_SO_SNDBUF: return &s->sndbuf;
        case ASTRA_SO_RCVBUF: return &s->rcvbuf;
        }
    } else if (level == ASTRA_IPPROTO_TCP && name == ASTRA_TCP_NODELAY && s->type == ASTRA_SOCK_STREAM) {
        return &s->nodelay;
    } else if (level == ASTRA_IPPROTO_IP && s->family == ASTRA_AF_INET) {
        if (name == ASTRA_IP_TTL)
            return &s->ttl;
        if (name == ASTRA_IP_TOS)
            return &s->tos;
    } else if (level == ASTRA_IPPROTO_IPV6 && s->family == ASTRA_AF_INET6 && name == ASTRA_IPV6_V6ONLY) {
        return &s->v6only;
    }
    return 0;
}

/* What getsockopt reports of a socket's kind (read-only options): the value, or -1 when name
 * is not one of them. */
static int identity_option(const struct socket *s, int name)
{
    switch (name) {
    case ASTRA_SO_TYPE: return s->type;
    case ASTRA_SO_DOMAIN: return s->family;
    case ASTRA_SO_ACCEPTCONN: return s->state == LISTENING;
    case ASTRA_SO_PROTOCOL:
        if (s->family == ASTRA_AF_UNIX)
            return 0;
        return s->type == ASTRA_SOCK_STREAM ? ASTRA_IPPROTO_TCP : ASTRA_IPPROTO_UDP;
    }
    return -1;
}

int socket_setopt(struct socket *s, int level, int name, const void *val, unsigned len)
{
    if (level == ASTRA_SOL_SOCKET && (name == ASTRA_SO_RCVTIMEO || name == ASTRA_SO_SNDTIMEO)) {
        struct astra_timeval tv;
        if (len < sizeof tv)
            return -ASTRA_EINVAL;
        memcpy(&tv, val, sizeof tv);
        if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
            return -ASTRA_EDOM;
        uint64_t ns = tv.tv_sec < 0 ? 0 : (uint64_t)tv.tv_sec * ASTRA_NSEC_PER_SEC + (uint64_t)tv.tv_usec * 1000;
        *(name == ASTRA_SO_RCVTIMEO ? &s->rcvtimeo_ns : &s->sndtimeo_ns) = ns;
        return 0;
    }
    if (level == ASTRA_SOL_SOCKET && name == ASTRA_SO_LINGER) {
        if (len < sizeof s->linger)
            return -ASTRA_EINVAL;
        memcpy(&s->linger, val, sizeof s->linger);
        return 0;
    }
    int *opt = int_option(s, level, name);
    if (!opt)
        return -ASTRA_ENOPROTOOPT;
    if (len < sizeof(int))
        return -ASTRA_EINVAL;
    int v;
    memcpy(&v, val, sizeof v);
    if (level == ASTRA_IPPROTO_IP && name == ASTRA_IP_TTL) {
        if (v == -1)
            v = 64;
        if (v < 1 || v > 255)
            return -ASTRA_EINVAL;
    } else if (level == ASTRA_SOL_SOCKET && (name == ASTRA_SO_SNDBUF || name == ASTRA_SO_RCVBUF)) {
        /* Linux caps it at wmem_max or rmem_max, doubles it (room for bookkeeping) and keeps
         * a floor of two small packets */
        unsigned u = (unsigned)v < SOCKET_BUF_MAX ? (unsigned)v : SOCKET_BUF_MAX;
        int floor = name == ASTRA_SO_SNDBUF ? SOCKET_SNDBUF_MIN : SOCKET_RCVBUF_MIN;
        v = (int)(2 * u) < floor ? floor : (int)(2 * u);
    } else if (name != ASTRA_IP_TOS || level != ASTRA_IPPROTO_IP) {
        v = v != 0;
    }
    *opt = v;
    return 0;
}

int socket_getopt(struct socket *s, int level, int name, void *val, unsigned *len)
{
    unsigned char out[sizeof(struct astra_timeval)];
    unsigned n = sizeof(int);
    int v;
    if (level == ASTRA_SOL_SOCKET && name == ASTRA_SO_ERROR) {
        v = s->so_error;
        s->so_error = 0;
        memcpy(out, &v, sizeof v);
    } else if (level == ASTRA_SOL_SOCKET && (v = identity_option(s, name)) >= 0) {
        memcpy(out, &v, sizeof v);
    } else if (level == ASTRA_SOL_SOCKET && (name == ASTRA_SO_RCVTIMEO || name == ASTRA_SO_SNDTIMEO)) {
        uint64_t ns = name == ASTRA_SO_RCVTIMEO ? s->rcvtimeo_ns : s->sndtimeo_ns;
        struct astra_timeval tv = { (int64_t)(ns / ASTRA_NSEC_PER_SEC), (int64_t)(ns % ASTRA_NSEC_PER_SEC / 1000) };
        memcpy(out, &tv, sizeof tv);
        n = sizeof tv;
    } else if (level == ASTRA_SOL_SOCKET && name == ASTRA_SO_LINGER) {
        memcpy(out, &s->linger, sizeof s->linger);
        n = sizeof s->linger;
    } else {
        int *opt = int_option(s, level, name);
        if (!opt)
            return -ASTRA_ENOPROTOOPT;
        memcpy(out, opt, sizeof *opt);
    }
    if (*len < n && n != sizeof(int))
        return -ASTRA_EINVAL;
    if (*len < n)
        n = *len;
    memcpy(val, out, n);
    *len = n;
    return 0;
}

/* ---- a socket's open file: read, write and poll without addresses ---- */

static long socket_file_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)off;
    return socket_recv(f->inode->sock, buf, n, 0, f->flags & ASTRA_O_NONBLOCK, 0, 0);
}

static long socket_file_write(struct file *f, const void *buf, size_t n, uint64_t *off)
{
    (void)off;
    long r = socket_send(f->inode->sock, buf, n, f->flags & ASTRA_O_NONBLOCK, 0, 0);
    if (r == -ASTRA_EPIPE)
        signal_send_thread(current_thread(), ASTRA_SIGPIPE, signal_from_caller(ASTRA_SI_USER)); /* as Linux's stream sockets */
    return r;
}

static int socket_file_poll(struct file *f) { return socket_poll(f->inode->sock); }

static void socket_file_release(struct inode *ip) { socket_release(ip->sock); }

const struct file_ops socket_file_ops = {
    .read = socket_file_read, .write = socket_file_write, .poll = socket_file_poll, .release = socket_file_release,
    .anonymous = 1,
};
