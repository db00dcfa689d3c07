/* The socket object, shared by the loopback sockets (socket.c) and the sockets that go
 * through the network card and lwIP (net/inet.c). Everything runs with interrupts off. */
#ifndef ASTRA_KERNEL_SOCKET_PRIVATE_H
#define ASTRA_KERNEL_SOCKET_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <astra/abi.h>

struct tcp_pcb;
struct udp_pcb;
struct pbuf;
struct unix_msg;

enum state { UNBOUND, BOUND, LISTENING, CONNECTED };

struct datagram {
    struct datagram *next;
    struct astra_sockaddr_storage from;
    unsigned fromlen;
    size_t len;
    unsigned char data[];
};

struct socket {
    int family, type;
    enum state state;
    struct astra_sockaddr_storage local, remote;
    int has_remote;
    uint16_t port;                  /* bound port, host order; 0 when unbound */
    /* streams */
    struct socket *peer;
    unsigned char *ring;            /* received bytes */
    size_t head, len;
    int read_shut, write_shut, eof; /* eof: the peer will send nothing more */
    int so_error;
    /* connections and datagram sockets through the network card (net/inet.c) */
    int net;                        /* a TCP connection of lwIP's (even once its pcb is gone) */
    struct tcp_pcb *tcp;
    struct udp_pcb *udp;
    struct pbuf *rx;                /* received, not yet read; the first rx_off bytes are read */
    size_t rx_off;
    int connecting;
    int fin;                        /* the peer's FIN arrived */
    /* listeners */
    struct socket *queue_head, *queue_next;
    int backlog, queued;
    /* datagrams */
    struct datagram *dq_head, *dq_tail;
    size_t dq_bytes;
    /* AF_UNIX pairs (unix.c): peer, read_shut, write_shut and so_error as above */
    struct unix_msg *mq_head, *mq_tail; /* received messages, oldest first */
    size_t wmem;                    /* what its messages not yet read by the peer charge */
    int peer_dead;                  /* a datagram socket's peer closed: the next send is refused */
    /* options */
    uint64_t rcvtimeo_ns, sndtimeo_ns;
    int reuseaddr, keepalive, broadcast, nodelay, ttl, tos, v6only, rcvbuf, sndbuf;
    struct astra_linger linger;
    struct socket *next;            /* every socket with a port */
};

/* Queues a datagram for s (dropped, like UDP, when s cannot take it); 0 or -ENOBUFS. */
int socket_queue_datagram(struct socket *s, const struct astra_sockaddr_storage *from, const void *data,
                          size_t n);
/* Adds an incoming connection to listener l's queue; -1 when the backlog is full. */
int socket_queue_connection(struct socket *l, struct socket *c);

/* Sleeps until a socket event or `timeout_ns` after start (0: none): 0, -EAGAIN, -EINTR. */
int socket_wait(uint64_t start, uint64_t timeout_ns);
/* Waits (SO_RCVTIMEO, signals) until readable(s): 1 then, 0 at end of stream or for n == 0,
 * -errno for a pending socket error, EAGAIN when non-blocking, a timeout or a signal. */
int socket_wait_data(struct socket *s, int (*readable)(const struct socket *), size_t n, int nonblock);

#endif
