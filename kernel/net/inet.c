/* TCP and UDP sockets through lwIP's raw API. lwIP calls back from the card's interrupt and
 * the timer tick (with interrupts off, so never in the middle of a system call); callbacks
 * record what happened in the socket and wake the sleepers of vfs_events. A socket owns its
 * pcb until close, or until lwIP reports an error (then the pcb is already gone). */
#include "lib/printf.h"
#include "dev/time.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "net/socket.h"
#include "net/socket_private.h"
#include "proc/sched.h"
#include "inet.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"

#define INET_DRAIN_POLL_NS 2000000ULL

static void wake(void) { waitq_wake_all(&vfs_events); }

static void to_sockaddr(const ip_addr_t *ip, u16_t port, struct astra_sockaddr_storage *out)
{
    memset(out, 0, sizeof *out);
    struct astra_sockaddr_in *in = (struct astra_sockaddr_in *)out;
    in->sin_family = ASTRA_AF_INET;
    in->sin_port = lwip_htons(port);
    in->sin_addr.s_addr = ip4_addr_get_u32(ip_2_ip4(ip));
}

static void from_sockaddr(const struct astra_sockaddr_storage *a, ip_addr_t *ip, u16_t *port)
{
    const struct astra_sockaddr_in *in = (const struct astra_sockaddr_in *)a;
    ip_addr_set_ip4_u32_val(*ip, in->sin_addr.s_addr);
    if (port)
        *port = lwip_ntohs(in->sin_port);
}

/* Linux's error for an lwIP error code, for calls that failed at once. */
static int errno_of(err_t e)
{
    switch (e) {
    case ERR_MEM: case ERR_BUF: return ASTRA_ENOBUFS;
    case ERR_RTE: return ASTRA_ENETUNREACH;
    case ERR_USE: return ASTRA_EADDRINUSE;
    case ERR_ISCONN: return ASTRA_EISCONN;
    case ERR_ALREADY: case ERR_INPROGRESS: return ASTRA_EALREADY;
    default: return ASTRA_EIO;
    }
}

/* ---- TCP ---- */

static void detach(struct tcp_pcb *pcb)
{
    tcp_arg(pcb, 0);
    tcp_recv(pcb, 0);
    tcp_sent(pcb, 0);
    tcp_err(pcb, 0);
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    struct socket *s = arg;
    (void)err;
    if (!p) {
        if (s) {
            s->eof = s->fin = 1;
            if (pcb->state == TIME_WAIT) { /* both ways done: the pcb is lwIP's to free */
                detach(pcb);
                s->tcp = 0;
            }
        }
        wake();
        return ERR_OK;
    }
    if (!s || s->read_shut) { /* nobody will read it */
        tcp_recved(pcb, p->tot_len);
        pbuf_free(p);
        return ERR_OK;
    }
    if (s->rx)
        pbuf_cat(s->rx, p);
    else
        s->rx = p;
    wake();
    return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
    (void)arg, (void)pcb, (void)len;
    wake();
    return ERR_OK;
}

static void on_error(void *arg, err_t err)
{
    struct socket *s = arg;
    if (!s)
        return;
    s->tcp = 0;
    if (err == ERR_CLSD) { /* our FIN, after the peer's, was acknowledged: a clean end */
        s->eof = 1;
        wake();
        return;
    }
    if (s->connecting)
        s->so_error = err == ERR_RST ? ASTRA_ECONNREFUSED : ASTRA_ETIMEDOUT;
    else if (err == ERR_ABRT)
        s->so_error = ASTRA_ETIMEDOUT;
    else /* Linux's error for a reset after the peer's FIN (CLOSE_WAIT) is EPIPE */
        s->so_error = s->fin ? ASTRA_EPIPE : ASTRA_ECONNRESET;
    s->connecting = 0;
    s->eof = 1;
    wake();
}

static void set_names(struct socket *s, struct tcp_pcb *pcb)
{
    to_sockaddr(&pcb->local_ip, pcb->local_port, &s->local);
    to_sockaddr(&pcb->remote_ip, pcb->remote_port, &s->remote);
    s->has_remote = 1;
}

static void attach(struct socket *s, struct tcp_pcb *pcb)
{
    s->tcp = pcb;
    s->net = 1;
    tcp_arg(pcb, s);
    tcp_recv(pcb, on_recv);
    tcp_sent(pcb, on_sent);
    tcp_err(pcb, on_error);
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    struct socket *l = arg, *c;
    if (err != ERR_OK || !pcb)
        return ERR_VAL;
    if (!l || socket_create(ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, &c)) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    attach(c, pcb);
    c->state = CONNECTED;
    c->nodelay = l->nodelay;
    set_names(c, pcb);
    if (socket_queue_connection(l, c)) { /* the backlog is full: reset, as Linux does */
        detach(pcb);
        c->tcp = 0;
        socket_release(c);
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    return ERR_OK;
}

int inet_listen(struct socket *s)
{
    struct tcp_pcb *pcb = tcp_new();
    if (!pcb)
        return -ASTRA_ENOBUFS;
    if (s->reuseaddr)
        ip_set_option(pcb, SOF_REUSEADDR);
    ip_addr_t ip;
    from_sockaddr(&s->local, &ip, 0);
    if (tcp_bind(pcb, &ip, s->port) != ERR_OK) {
        tcp_close(pcb);
        return -ASTRA_EADDRINUSE;
    }
    struct tcp_pcb *listener = tcp_listen_with_backlog(pcb, 255);
    if (!listener) {
        tcp_close(pcb);
        return -ASTRA_ENOBUFS;
    }
    s->tcp = listener;
    tcp_arg(listener, s);
    tcp_accept(listener, on_accept);
    return 0;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    struct socket *s = arg;
    (void)err;
    if (s) {
        s->connecting = 0;
        s->state = CONNECTED;
        set_names(s, pcb);
    }
    wake();
    return ERR_OK;
}

int inet_connect(struct socket *s, const struct astra_sockaddr_storage *a, int nonblock)
{
    struct tcp_pcb *pcb = tcp_new();
    if (!pcb)
        return -ASTRA_ENOBUFS;
    if (s->reuseaddr)
        ip_set_option(pcb, SOF_REUSEADDR);
    err_t e;
    if (s->port) {
        ip_addr_t local;
        from_sockaddr(&s->local, &local, 0);
        if ((e = tcp_bind(pcb, &local, s->port)) != ERR_OK) {
            tcp_close(pcb);
            return -ASTRA_EADDRINUSE;
        }
    }
    ip_addr_t ip;
    u16_t port;
    from_sockaddr(a, &ip, &port);
    attach(s, pcb);
    s->connecting = 1;
    s->so_error = 0;
    s->eof = s->fin = 0;
    if ((e = tcp_connect(pcb, &ip, port, on_connected)) != ERR_OK) {
        detach(pcb);
        tcp_abort(pcb);
        s->tcp = 0;
        s->net = s->connecting = 0;
        return -errno_of(e);
    }
    set_names(s, pcb);
    if (s->keepalive)
        ip_set_option(pcb, SOF_KEEPALIVE);
    if (nonblock)
        return -ASTRA_EINPROGRESS;
    inet_wait_here();
    uint64_t start = time_monotonic_ns();
    while (s->connecting) {
        int r = socket_wait(start, s->sndtimeo_ns);
        if (r)
            return r == -ASTRA_EAGAIN ? -ASTRA_EINPROGRESS : r; /* the attempt goes on, as on Linux */
    }
    if (s->state != CONNECTED) {
        int err = s->so_error;
        s->so_error = 0;
        s->net = 0; /* the socket may try again */
        return -err;
    }
    return 0;
}

long inet_send(struct socket *s, const unsigned char *buf, size_t n, int nonblock)
{
    if (s->state != CONNECTED)
        return -ASTRA_EPIPE;
    uint64_t start = time_monotonic_ns();
    size_t done = 0;
    while (done < n) {
        if (s->so_error && !done) {
            int e = s->so_error;
            s->so_error = 0;
            return -e;
        }
        if (!s->tcp || s->write_shut)
            return done ? (long)done : -ASTRA_EPIPE;
        size_t room = tcp_sndbuf(s->tcp);
        if (tcp_sndqueuelen(s->tcp) >= TCP_SND_QUEUELEN - 4)
            room = 0;
        size_t chunk = n - done < room ? n - done : room;
        if (chunk > 0xffff)
            chunk = 0xffff;
        if (s->nodelay)
            tcp_nagle_disable(s->tcp);
        else
            tcp_nagle_enable(s->tcp);
        err_t e = chunk ? tcp_write(s->tcp, buf + done, (u16_t)chunk, TCP_WRITE_FLAG_COPY) : ERR_MEM;
        if (e == ERR_OK) {
            done += chunk;
            continue;
        }
        if (e != ERR_MEM)
            return done ? (long)done : -ASTRA_EPIPE;
        tcp_output(s->tcp);
        if (nonblock || done)
            return done ? (long)done : -ASTRA_EAGAIN;
        inet_wait_here(); /* for the acknowledgements that make room */
        int r = socket_wait(start, s->sndtimeo_ns);
        if (r)
            return r;
    }
    if (s->tcp)
        tcp_output(s->tcp);
    return (long)done;
}

/* Frees the first `n` bytes of what was received and opens the window by as much. */
static void consume(struct socket *s, size_t n)
{
    s->rx_off += n;
    while (s->rx && s->rx_off >= s->rx->len) {
        struct pbuf *p = s->rx;
        s->rx_off -= p->len;
        s->rx = p->next;
        if (s->rx)
            pbuf_ref(s->rx); /* it stays when p, the chain's head, goes */
        pbuf_free(p);
    }
    if (s->tcp)
        tcp_recved(s->tcp, (u16_t)n);
}

static int lwip_readable(const struct socket *s) { return s->rx != 0; }

long inet_recv(struct socket *s, unsigned char *buf, size_t n, int flags, int nonblock)
{
    if (s->fin && !s->rx)
        return 0; /* as Linux: the peer's FIN ends the stream before a later error shows */
    if (!s->rx && !nonblock)
        inet_wait_here();
    int ready = socket_wait_data(s, lwip_readable, n, nonblock);
    if (ready <= 0)
        return ready;
    size_t avail = s->rx->tot_len - s->rx_off;
    size_t got = n < avail ? n : avail;
    if (got > 0xffff)
        got = 0xffff;
    pbuf_copy_partial(s->rx, buf, (u16_t)got, (u16_t)s->rx_off);
    if (!(flags & ASTRA_MSG_PEEK))
        consume(s, got);
    return (long)got;
}

void inet_shutdown(struct socket *s, int how)
{
    if (how != ASTRA_SHUT_RD && s->tcp)
        tcp_shutdown(s->tcp, 0, 1); /* a FIN; the pcb stays ours until close */
    if (how != ASTRA_SHUT_WR && s->rx) {
        if (s->tcp)
            tcp_recved(s->tcp, (u16_t)(s->rx->tot_len - s->rx_off));
        pbuf_free(s->rx);
        s->rx = 0;
        s->rx_off = 0;
    }
}

int inet_poll(struct socket *s)
{
    if (s->connecting)
        return 0;
    if (s->state != CONNECTED)
        return s->so_error ? ASTRA_POLLOUT | ASTRA_POLLERR | ASTRA_POLLHUP : 0;
    /* As Linux's tcp_poll: a direction that is shut (by either side, or a reset) reads end
     * of stream, or fails a write, at once; both shut is a hang-up. */
    int ev = 0, read_done = s->eof || s->read_shut, write_done = s->write_shut || !s->tcp;
    if (s->so_error)
        ev |= ASTRA_POLLERR;
    if (s->rx || read_done)
        ev |= ASTRA_POLLIN | ASTRA_POLLRDNORM;
    if (read_done)
        ev |= ASTRA_POLLRDHUP;
    if (read_done && write_done)
        ev |= ASTRA_POLLHUP;
    if (write_done || (tcp_sndbuf(s->tcp) > 0 && tcp_sndqueuelen(s->tcp) < TCP_SND_QUEUELEN - 4))
        ev |= ASTRA_POLLOUT | ASTRA_POLLWRNORM;
    if (!(ev & ASTRA_POLLIN))
        inet_wait_here(); /* a poller that finds nothing to read may sleep on it */
    return ev;
}

void inet_close(struct socket *s)
{
    if (s->udp) {
        udp_remove(s->udp);
        s->udp = 0;
    }
    if (s->tcp) {
        struct tcp_pcb *pcb = s->tcp;
        s->tcp = 0;
        if (pcb->state == LISTEN) {
            tcp_arg(pcb, 0);
            tcp_close(pcb);
        } else {
            detach(pcb);
            /* Unread data, or SO_LINGER with a zero time: a reset, as Linux sends. */
            if (s->rx || (s->linger.l_onoff && !s->linger.l_linger) || tcp_close(pcb) != ERR_OK)
                tcp_abort(pcb);
        }
    }
    if (s->rx) {
        pbuf_free(s->rx);
        s->rx = 0;
    }
}

/* Whether lwIP still has TCP data to deliver: segments (a FIN too) not yet sent or not
 * yet acknowledged, a close that waits for memory, an acknowledgement held back. */
static int tcp_sending(void)
{
    for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
        if (pcb->unsent || pcb->unacked || (pcb->flags & (TF_CLOSEPEND | TF_ACK_DELAY | TF_ACK_NOW)))
            return 1;
    return 0;
}

void inet_drain(uint64_t timeout_ns)
{
    if (!inet_present())
        return;
    uint64_t start = time_monotonic_ns(), now = start;
    while (tcp_sending() && now - start < timeout_ns) {
        uint64_t wake = now + INET_DRAIN_POLL_NS;
        sched_sleep_unsignalled(wake < start + timeout_ns ? wake : start + timeout_ns);
        now = time_monotonic_ns();
    }
    if (now - start >= 1000000)
        kprintf("net: %s after %llu ms\n", tcp_sending() ? "unsent TCP data left" : "TCP data sent",
                (unsigned long long)((now - start) / 1000000));
}

void inet_syn_arrived(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport, uint32_t seq)
{
    for (struct tcp_pcb *pcb = tcp_tw_pcbs; pcb; pcb = pcb->next)
        if (pcb->remote_port == sport && pcb->local_port == dport &&
            ip4_addr_get_u32(ip_2_ip4(&pcb->remote_ip)) == src && ip4_addr_get_u32(ip_2_ip4(&pcb->local_ip)) == dst) {
            if (TCP_SEQ_GT(seq, pcb->rcv_nxt)) {
                struct socket *owner = pcb->callback_arg;
                if (owner) /* (a socket detaches on entering TIME_WAIT; this is only a guard) */
                    owner->tcp = 0;
                tcp_abort(pcb); /* in TIME_WAIT: freed without a reset */
            }
            return;
        }
}

/* ---- UDP ---- */

static void on_datagram(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
    static unsigned char data[DGRAM_BUFFER_MAX];
    struct socket *s = arg;
    (void)pcb;
    if (s && p->tot_len <= sizeof data) {
        struct astra_sockaddr_storage from;
        to_sockaddr(addr, port, &from);
        pbuf_copy_partial(p, data, p->tot_len, 0);
        socket_queue_datagram(s, &from, data, p->tot_len);
    }
    pbuf_free(p);
}

int inet_udp_open(struct socket *s)
{
    if (s->udp)
        return 0;
    struct udp_pcb *pcb = udp_new();
    if (!pcb)
        return -ASTRA_ENOBUFS;
    if (s->reuseaddr)
        ip_set_option(pcb, SOF_REUSEADDR);
    ip_addr_t ip;
    from_sockaddr(&s->local, &ip, 0);
    if (udp_bind(pcb, &ip, s->port) != ERR_OK) {
        udp_remove(pcb);
        return -ASTRA_EADDRINUSE;
    }
    udp_recv(pcb, on_datagram, s);
    s->udp = pcb;
    return 0;
}

long inet_udp_send(struct socket *s, const unsigned char *buf, size_t n, const struct astra_sockaddr_storage *to)
{
    int r = inet_udp_open(s);
    if (r)
        return r;
    struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)n, PBUF_RAM);
    if (!p)
        return -ASTRA_ENOBUFS;
    pbuf_take(p, buf, (u16_t)n);
    ip_addr_t ip;
    u16_t port;
    from_sockaddr(to, &ip, &port);
    err_t e = udp_sendto(s->udp, p, &ip, port);
    pbuf_free(p);
    return e == ERR_OK ? (long)n : -errno_of(e);
}
