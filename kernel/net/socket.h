/* Sockets over loopback: TCP-like byte streams (pairs of rings) and UDP-like datagrams
 * between sockets of this machine, for AF_INET (127.0.0.0/8, 0.0.0.0) and AF_INET6 (::1, ::).
 * Sockets whose peer is off the machine go through the network card and lwIP (inet.c);
 * AF_UNIX socket pairs are unix.c's (net/unix.h). Linux's calls and errors.
 *
 * Locks of net/ (proc/bkl.h has the order): all under the BKL.
 *   socket.c  bound (the list of bound sockets), next_ephemeral, every struct socket.
 *   inet.c    lwIP's state (NO_SYS: lwIP has no locks of its own and runs only under the
 *             BKL, from system calls and the timer tick); data, the static datagram buffer
 *             of a UDP receive (filled and queued in one call).
 *   netif.c   nic, nic_mac, started, last_check_ms.
 *   unix.c    the queues of AF_UNIX sockets and their messages (a sleeper keeps no message
 *             pointer across a sleep), the charges against send buffers, reaped and reaping
 *             (messages of released sockets being freed); unix_rights.c the files in flight
 *             (each holds a reference to its file). */
#ifndef ASTRA_KERNEL_SOCKET_H
#define ASTRA_KERNEL_SOCKET_H

#include <stddef.h>
#include <stdint.h>

#include <astra/abi.h>

#include "arch.h"

struct socket;

/* 0 with *out, or -EAFNOSUPPORT / -EINVAL / -EPROTONOSUPPORT / -ENOMEM. */
int socket_create(int domain, int type, int protocol, struct socket **out);
/* Called when the last open file of the socket goes. */
void socket_release(struct socket *s);

int socket_bind(struct socket *s, const struct astra_sockaddr_storage *addr, unsigned len);
int socket_listen(struct socket *s, int backlog);
/* A connected socket for the next queued connection; -EAGAIN when nonblocking or timed out. */
int socket_accept(struct socket *s, int nonblock, struct socket **out);
int socket_connect(struct socket *s, const struct astra_sockaddr_storage *addr, unsigned len, int nonblock);
long socket_send(struct socket *s, const void *buf, size_t n, int nonblock,
                 const struct astra_sockaddr_storage *to, unsigned tolen);
/* from may be NULL; *fromlen receives the address length. MSG_PEEK is honoured. */
long socket_recv(struct socket *s, void *buf, size_t n, int flags, int nonblock,
                 struct astra_sockaddr_storage *from, unsigned *fromlen);
int socket_shutdown(struct socket *s, int how);
/* The local or peer address: its length, or -ENOTCONN. */
int socket_name(struct socket *s, int peer, struct astra_sockaddr_storage *out);
int socket_setopt(struct socket *s, int level, int name, const void *val, unsigned len);
/* Fills val (up to *len bytes) and sets *len; 0 or -ENOPROTOOPT / -EINVAL. */
int socket_getopt(struct socket *s, int level, int name, void *val, unsigned *len);
int socket_poll(struct socket *s);
/* What a socket's open file does (the inode's sock), unix_file_ops for AF_UNIX;
 * sys_socket.c knows a socket by them. */
extern const struct file_ops socket_file_ops;
int socket_is_datagram(const struct socket *s);

/* The largest datagram: one kernel region holds it with its header. */
#define DGRAM_BUFFER_MAX (KSTACK_SIZE - 256)

#endif
