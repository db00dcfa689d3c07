/* Unix-domain socket pairs (socketpair(AF_UNIX, ...)): stream, datagram and seqpacket
 * sockets joined to each other. A send makes messages queued on the peer and charged to the
 * sender's send buffer until they are read, as Linux's; a stream's reads join them, the other
 * kinds keep each whole. Descriptors travel with messages (SCM_RIGHTS, unix_rights.c).
 * All under the BKL (net/socket.h lists the locks). */
#ifndef ASTRA_KERNEL_UNIX_H
#define ASTRA_KERNEL_UNIX_H

#include <stddef.h>
#include <stdint.h>

#include <astra/abi.h>

struct file;
struct file_ops;
struct mm;
struct socket;

/* Descriptors in flight: the open files of one message, each holding a reference. */
struct unix_rights {
    unsigned count;
    struct file *files[];
};

/* A message's bytes in user memory: the segments (a kernel copy) and their total. */
struct unix_iov {
    struct mm *mm;
    const struct astra_iovec *seg;
    size_t nseg, total;
};

/* Two connected sockets of type SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET; 0 or -ENOMEM. */
int unix_pair(int type, struct socket **a, struct socket **b);
/* The last open file of s goes: its peer sees the end, its queue is freed. */
void unix_release(struct socket *s);
/* shutdown(2): always 0 (how is checked by the caller), as Linux. */
int unix_shutdown(struct socket *s, int how);
int unix_poll(const struct socket *s);
/* Sends io's bytes with rights (NULL: none; taken in every case): bytes sent or -errno.
 * MSG_DONTWAIT is in nonblock; MSG_NOSIGNAL and SIGPIPE are the caller's. */
long unix_send(struct socket *s, const struct unix_iov *io, struct unix_rights *rights, int flags, int nonblock);
/* What Linux gives for an address no socket has (named Unix-domain sockets do not exist
 * here; connect(2) on a pair's socket gets it): -EINVAL for a malformed address,
 * -ECONNREFUSED for an abstract name, -ENOENT for a path. */
int unix_name_error(const struct astra_sockaddr_storage *a, unsigned len);
/* sendto or sendmsg with an address (len bytes of a): 0 when it is ignored (seqpacket),
 * -EISCONN for a stream, unix_name_error for a datagram socket. */
int unix_send_to_name(struct socket *s, const struct astra_sockaddr_storage *a, unsigned len);
/* Receives into io: bytes (a datagram's whole length with MSG_TRUNC) or -errno. *rights gets
 * the descriptors that came (NULL: none), *msg_flags gains MSG_TRUNC for a cut datagram. */
long unix_recv(struct socket *s, const struct unix_iov *io, int flags, int nonblock, struct unix_rights **rights,
               int *msg_flags);
/* What a Unix-domain socket's open file does: read and write copy user memory themselves, so
 * that a message is read whole. */
extern const struct file_ops unix_file_ops;

/* ---- descriptors in messages (unix_rights.c) ---- */
/* The descriptors of sendmsg's control messages (len bytes at uctl), checked as Linux does:
 * 0 with *out (NULL when there are none), or -EINVAL, -EBADF, -EFAULT, -ENOBUFS, -ENOMEM,
 * -ESRCH. */
int unix_rights_from_control(uint64_t uctl, size_t len, struct unix_rights **out);
/* Installs r's files as new descriptors of the caller and writes one SCM_RIGHTS message at
 * uctl (room for len bytes; NULL uctl: none), as many as fit; the rest are closed and
 * MSG_CTRUNC added to *msg_flags. Frees r; returns the control bytes used. */
size_t unix_rights_to_control(struct unix_rights *r, uint64_t uctl, size_t len, int cloexec, int *msg_flags);
/* A second hold on the same files (MSG_PEEK), or NULL when memory is exhausted. */
struct unix_rights *unix_rights_dup(const struct unix_rights *r);
void unix_rights_put(struct unix_rights *r);

#endif
