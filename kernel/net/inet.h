/* The network card's side of the socket layer: IPv4 TCP and UDP through lwIP, for the
 * sockets of socket.c whose peers are not on this machine. With no card (or no address) the
 * network is absent and socket.c answers ENETUNREACH as before. */
#ifndef ASTRA_KERNEL_NET_INET_H
#define ASTRA_KERNEL_NET_INET_H

#include <stddef.h>
#include <stdint.h>

#include <astra/abi.h>

struct socket;

/* Boot: finds the card and configures it from the kernel command line's net= value: NULL or
 * "dhcp" (waits up to a few seconds for a lease), "none", or "ADDR/PREFIX[,GATEWAY]". */
void net_init(const char *config);
/* The timer tick: runs lwIP's timers when they are due. */
void net_tick(void);

/* The calling thread is about to wait for something from the card: its receive interrupt
 * goes to this CPU from now on (virtio_net_steer; nothing when it already does). The thread
 * that waits last is the likeliest to be woken by the next frame; taking the interrupt on
 * its own CPU, which is idle while it sleeps, wakes it there without an IPI to another. */
void inet_wait_here(void);

/* Whether there is a card (possibly still waiting for its address): sockets bound to "any"
 * listen and receive on it too. */
int inet_present(void);
/* Whether the card is up with an IPv4 address. */
int inet_ready(void);
/* Whether a is an AF_INET address of the card. */
int inet_is_host(const struct astra_sockaddr_storage *a);

/* TCP: s is a stream socket bound to "any" or the card's address (listen), or an unconnected
 * one (connect). 0 or -errno, as Linux. */
int inet_listen(struct socket *s);
int inet_connect(struct socket *s, const struct astra_sockaddr_storage *a, int nonblock);
long inet_send(struct socket *s, const unsigned char *buf, size_t n, int nonblock);
long inet_recv(struct socket *s, unsigned char *buf, size_t n, int flags, int nonblock);
void inet_shutdown(struct socket *s, int how);
int inet_poll(struct socket *s);
/* Ends the lwIP side of s (reset when unread data is left, as Linux). */
void inet_close(struct socket *s);

/* Waits (whatever signals are pending) until lwIP has sent, and had acknowledged, the TCP
 * data and FINs of every connection, closed or not, or until timeout_ns: before the machine
 * powers off, what programs wrote still reaches its peers, as it would from Linux. */
void inet_drain(uint64_t timeout_ns);

/* A SYN arrived from src:sport for dst:dport (addresses in network order) with sequence
 * number seq. A connection of those ports in TIME_WAIT whose last sequence number it passes
 * ends, so that the SYN opens a new one, as on Linux (lwIP would only acknowledge it, and a
 * peer that reuses its port, as QEMU's user network does with the host client's, would
 * retry in vain until the TIME_WAIT ran out). */
void inet_syn_arrived(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport, uint32_t seq);

/* UDP: receives on s's port from the card; sends a datagram to a. */
int inet_udp_open(struct socket *s);
long inet_udp_send(struct socket *s, const unsigned char *buf, size_t n, const struct astra_sockaddr_storage *to);

#endif
