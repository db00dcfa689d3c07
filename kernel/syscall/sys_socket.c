/* Socket system calls: arguments copied and checked here, the work done in socket.c. */
#include <astra/abi.h>

#include "arch.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "mm/uvm.h"
#include "net/socket.h"
#include "net/unix.h"
#include "proc/proc.h"
#include "proc/signal.h"

#define CHUNK 4096

/* The socket behind fd: 0 with *s and *f, or -EBADF / -ENOTSOCK. */
static int get_socket(int fd, struct socket **s, struct file **f)
{
    struct file *file = fd_get(current_proc()->fdt, fd);
    if (!file)
        return -ASTRA_EBADF;
    if (file->inode->ops != &socket_file_ops && file->inode->ops != &unix_file_ops)
        return -ASTRA_ENOTSOCK;
    *s = file->inode->sock;
    if (f)
        *f = file;
    return 0;
}

static int nonblocking(struct file *f, int flags)
{
    return (f->flags & ASTRA_O_NONBLOCK) || (flags & ASTRA_MSG_DONTWAIT);
}

/* A new descriptor for socket s; its descriptor or -errno (the socket is freed on failure). */
static int is_unix(struct file *f) { return f->inode->ops == &unix_file_ops; }

static long install_socket(struct socket *s, int flags, int unix_domain)
{
    struct inode *ip = inode_new(ASTRA_S_IFSOCK | 0777);
    if (!ip) {
        socket_release(s);
        return -ASTRA_ENOMEM;
    }
    ip->ops = unix_domain ? &unix_file_ops : &socket_file_ops;
    ip->sock = s;
    struct file *f = file_new(ip, ASTRA_O_RDWR | (flags & ASTRA_SOCK_NONBLOCK ? ASTRA_O_NONBLOCK : 0));
    if (!f) {
        inode_put(ip); /* releases the socket */
        return -ASTRA_ENOMEM;
    }
    int fd = fd_install(current_proc()->fdt, f, 0, flags & ASTRA_SOCK_CLOEXEC);
    if (fd < 0) {
        f->refs = 1;
        file_put(f);
    }
    return fd;
}

long ksys_socket(int domain, int type, int protocol)
{
    struct socket *s;
    int r = socket_create(domain, type & ~(ASTRA_SOCK_NONBLOCK | ASTRA_SOCK_CLOEXEC), protocol, &s);
    return r ? r : install_socket(s, type, 0);
}

static int copy_addr_in(uint64_t uaddr, unsigned len, struct astra_sockaddr_storage *a)
{
    if (len > sizeof *a)
        return -ASTRA_EINVAL;
    memset(a, 0, sizeof *a);
    return uvm_copy_in(current_mm(), a, uaddr, len);
}

/* Writes an address to (uaddr, ulen) the way Linux does: truncated to the caller's length,
 * with the full length reported. */
static int copy_addr_out(uint64_t uaddr, uint64_t ulen, const struct astra_sockaddr_storage *a, unsigned len)
{
    if (!uaddr)
        return 0;
    struct proc *p = current_proc();
    int have;
    if (uvm_copy_in(p->mm, &have, ulen, sizeof have))
        return -ASTRA_EFAULT;
    if (have < 0)
        return -ASTRA_EINVAL;
    if (uvm_copy_out(p->mm, uaddr, a, (unsigned)have < len ? (unsigned)have : len))
        return -ASTRA_EFAULT;
    return uvm_copy_out(p->mm, ulen, &len, sizeof len);
}

long ksys_bind(int fd, uint64_t uaddr, unsigned len)
{
    struct socket *s;
    struct astra_sockaddr_storage a;
    int r = get_socket(fd, &s, 0);
    if (r || (r = copy_addr_in(uaddr, len, &a)))
        return r;
    return socket_bind(s, &a, len);
}

long ksys_listen(int fd, int backlog)
{
    struct socket *s;
    int r = get_socket(fd, &s, 0);
    return r ? r : socket_listen(s, backlog);
}

long ksys_accept4(int fd, uint64_t uaddr, uint64_t ulen, int flags)
{
    struct socket *s, *c;
    struct file *f;
    int r = get_socket(fd, &s, &f);
    if (r)
        return r;
    if (flags & ~(ASTRA_SOCK_NONBLOCK | ASTRA_SOCK_CLOEXEC))
        return -ASTRA_EINVAL;
    if (uaddr && uvm_check(current_mm(), ulen, sizeof(unsigned), 1))
        return -ASTRA_EFAULT;
    f->refs++; /* the socket stays while we sleep, even if another thread closes fd */
    r = socket_accept(s, nonblocking(f, 0), &c);
    file_put(f);
    if (r)
        return r;
    struct astra_sockaddr_storage peer;
    int len = socket_name(c, 1, &peer);
    long nfd = install_socket(c, flags, 0);
    if (nfd >= 0 && len > 0 && copy_addr_out(uaddr, ulen, &peer, (unsigned)len))
        return -ASTRA_EFAULT;
    return nfd;
}

long ksys_accept(int fd, uint64_t uaddr, uint64_t ulen) { return ksys_accept4(fd, uaddr, ulen, 0); }

long ksys_connect(int fd, uint64_t uaddr, unsigned len)
{
    struct socket *s;
    struct file *f;
    struct astra_sockaddr_storage a;
    int r = get_socket(fd, &s, &f);
    if (r || (r = copy_addr_in(uaddr, len, &a)))
        return r;
    return socket_connect(s, &a, len, nonblocking(f, 0));
}

/* A buffer for one call: these calls sleep, so it must not be shared (no static buffer).
 * Small ones live on the stack; larger datagrams get a kernel region. */
struct call_buffer {
    unsigned char small[CHUNK];
    unsigned char *data;
    size_t size;
};

static int buffer_get(struct call_buffer *b, size_t want)
{
    b->data = b->small;
    b->size = want < CHUNK ? want : CHUNK;
    if (want > CHUNK) {
        if (!(b->data = kvm_zalloc(want)))
            return -ASTRA_ENOBUFS;
        b->size = want;
    }
    return 0;
}

static void buffer_put(struct call_buffer *b)
{
    if (b->data != b->small)
        kvm_free(b->data);
}

long ksys_sendto(int fd, uint64_t ubuf, size_t len, int flags, uint64_t uaddr, unsigned alen)
{
    struct socket *s;
    struct file *f;
    struct astra_sockaddr_storage a;
    int r = get_socket(fd, &s, &f);
    if (r)
        return r;
    if (uaddr && (r = copy_addr_in(uaddr, alen, &a)))
        return r;
    if (is_unix(f)) {
        if (uaddr && (r = unix_send_to_name(s, &a, alen)))
            return r;
        struct astra_iovec seg = { (void *)ubuf, len };
        struct unix_iov io = { current_mm(), &seg, 1, len };
        f->refs++; /* the socket stays while we sleep, even if another thread closes fd */
        long sent = unix_send(s, &io, 0, flags, nonblocking(f, flags));
        file_put(f);
        return sent;
    }
    struct call_buffer b;
    int dgram = socket_is_datagram(s);
    if (dgram && len > DGRAM_BUFFER_MAX)
        return -ASTRA_EMSGSIZE;
    if ((r = buffer_get(&b, dgram ? len : CHUNK)))
        return r;
    /* A stream goes in chunks; a datagram travels whole. */
    size_t done = 0;
    long result = 0;
    f->refs++; /* the socket stays while we sleep, even if another thread closes fd */
    do {
        size_t n = len - done < b.size ? len - done : b.size;
        if (uvm_copy_in(current_mm(), b.data, ubuf + done, n)) {
            result = -ASTRA_EFAULT;
            break;
        }
        long sent = socket_send(s, b.data, n, nonblocking(f, flags), uaddr ? &a : 0, alen);
        if (sent < 0) {
            result = sent;
            break;
        }
        done += (size_t)sent;
        if ((size_t)sent < n)
            break;
    } while (done < len);
    file_put(f);
    buffer_put(&b);
    if (!done && result == -ASTRA_EPIPE && !(flags & ASTRA_MSG_NOSIGNAL))
        signal_send_thread(current_thread(), ASTRA_SIGPIPE, signal_from_caller(ASTRA_SI_USER));
    return done ? (long)done : result;
}

long ksys_recvfrom(int fd, uint64_t ubuf, size_t len, int flags, uint64_t uaddr, uint64_t ulen)
{
    struct socket *s;
    struct file *f;
    int r = get_socket(fd, &s, &f);
    if (r)
        return r;
    if (is_unix(f)) {
        struct astra_iovec seg = { (void *)ubuf, len };
        struct unix_iov io = { current_mm(), &seg, 1, len };
        struct unix_rights *rights;
        int msg_flags = 0;
        f->refs++;
        long got = unix_recv(s, &io, flags, nonblocking(f, flags), &rights, &msg_flags);
        file_put(f);
        if (rights)
            unix_rights_put(rights); /* no room for them: closed, as Linux */
        struct astra_sockaddr_storage none = { 0 };
        if (got >= 0 && copy_addr_out(uaddr, ulen, &none, 0)) /* an unnamed peer: length 0 */
            return -ASTRA_EFAULT;
        return got;
    }
    int dgram = socket_is_datagram(s);
    size_t want = dgram ? (len < DGRAM_BUFFER_MAX ? len : DGRAM_BUFFER_MAX) : (len < CHUNK ? len : CHUNK);
    /* As Linux: the buffer matters only once there is something to put in it. */
    if ((socket_poll(s) & ASTRA_POLLIN) && uvm_check(current_mm(), ubuf, want, 1))
        return -ASTRA_EFAULT;
    struct call_buffer b;
    if ((r = buffer_get(&b, want)))
        return r;
    struct astra_sockaddr_storage from;
    unsigned fromlen = 0;
    f->refs++; /* the socket stays while we sleep, even if another thread closes fd */
    long got = socket_recv(s, b.data, want, flags, nonblocking(f, flags), &from, &fromlen);
    file_put(f);
    if (got > 0 && uvm_copy_out(current_mm(), ubuf, b.data, (size_t)got))
        got = -ASTRA_EFAULT;
    buffer_put(&b);
    if (got >= 0 && fromlen && copy_addr_out(uaddr, ulen, &from, fromlen))
        return -ASTRA_EFAULT;
    return got;
}

long ksys_shutdown(int fd, int how)
{
    struct socket *s;
    int r = get_socket(fd, &s, 0);
    return r ? r : socket_shutdown(s, how);
}

static long name(int fd, uint64_t uaddr, uint64_t ulen, int peer)
{
    struct socket *s;
    struct astra_sockaddr_storage a;
    int r = get_socket(fd, &s, 0);
    if (r)
        return r;
    int len = socket_name(s, peer, &a);
    if (len < 0)
        return len;
    if (!uaddr)
        return -ASTRA_EFAULT;
    return copy_addr_out(uaddr, ulen, &a, (unsigned)len);
}

long ksys_getsockname(int fd, uint64_t addr, uint64_t len) { return name(fd, addr, len, 0); }

long ksys_getpeername(int fd, uint64_t addr, uint64_t len) { return name(fd, addr, len, 1); }

long ksys_setsockopt(int fd, int level, int optname, uint64_t uval, unsigned len)
{
    struct socket *s;
    unsigned char val[64];
    int r = get_socket(fd, &s, 0);
    if (r)
        return r;
    if (len > sizeof val)
        len = sizeof val;
    if (uvm_copy_in(current_mm(), val, uval, len))
        return -ASTRA_EFAULT;
    return socket_setopt(s, level, optname, val, len);
}

long ksys_getsockopt(int fd, int level, int optname, uint64_t uval, uint64_t ulen)
{
    struct socket *s;
    unsigned char val[64];
    int r = get_socket(fd, &s, 0);
    if (r)
        return r;
    int have;
    if (uvm_copy_in(current_mm(), &have, ulen, sizeof have))
        return -ASTRA_EFAULT;
    if (have < 0)
        return -ASTRA_EINVAL;
    unsigned len = (unsigned)have < sizeof val ? (unsigned)have : sizeof val;
    if ((r = socket_getopt(s, level, optname, val, &len)))
        return r;
    if (uvm_copy_out(current_mm(), uval, val, len) || uvm_copy_out(current_mm(), ulen, &len, sizeof len))
        return -ASTRA_EFAULT;
    return 0;
}

/* socketpair: AF_UNIX stream, datagram (SOCK_RAW is one, as Linux) and seqpacket pairs
 * (unix.c); other families as Linux. */
long ksys_socketpair(int domain, int type, int protocol, uint64_t ufds)
{
    int kind = type & ~(ASTRA_SOCK_NONBLOCK | ASTRA_SOCK_CLOEXEC);
    if (domain != ASTRA_AF_UNIX)
        return domain == ASTRA_AF_INET || domain == ASTRA_AF_INET6 ? -ASTRA_EOPNOTSUPP : -ASTRA_EAFNOSUPPORT;
    if (kind < 0 || kind > 10) /* Linux's SOCK_MAX */
        return -ASTRA_EINVAL;
    if (protocol && protocol != ASTRA_AF_UNIX)
        return -ASTRA_EPROTONOSUPPORT;
    if (kind == ASTRA_SOCK_RAW)
        kind = ASTRA_SOCK_DGRAM;
    if (kind != ASTRA_SOCK_STREAM && kind != ASTRA_SOCK_DGRAM && kind != ASTRA_SOCK_SEQPACKET)
        return -ASTRA_ESOCKTNOSUPPORT;
    if (uvm_check(current_mm(), ufds, 2 * sizeof(int), 1))
        return -ASTRA_EFAULT;
    struct socket *a, *b;
    long r = unix_pair(kind, &a, &b);
    if (r)
        return r;
    int fds[2];
    fds[0] = (int)install_socket(a, type, 1);
    if (fds[0] < 0) {
        socket_release(b);
        return fds[0];
    }
    fds[1] = (int)install_socket(b, type, 1);
    if (fds[1] < 0) {
        fd_close(current_proc()->fdt, fds[0]);
        return fds[1];
    }
    if (uvm_copy_out(current_mm(), ufds, fds, sizeof fds)) { /* unmapped meanwhile */
        fd_close(current_proc()->fdt, fds[0]);
        fd_close(current_proc()->fdt, fds[1]);
        return -ASTRA_EFAULT;
    }
    return 0;
}

/* A message header and its first iov_max segments: 0, -EFAULT or -EMSGSIZE. */
static int get_msghdr(uint64_t umsg, struct astra_msghdr *m, struct astra_iovec *iov)
{
    if (uvm_copy_in(current_mm(), m, umsg, sizeof *m))
        return -ASTRA_EFAULT;
    if (m->msg_iovlen > ASTRA_IOV_MAX)
        return -ASTRA_EMSGSIZE;
    if (uvm_copy_in(current_mm(), iov, (uint64_t)m->msg_iov, m->msg_iovlen * sizeof *iov))
        return -ASTRA_EFAULT;
    return 0;
}

/* The segments of a message for a call that may sleep: a copy of iov[0..n) (local when they
 * are few), their total in *total. 0, -EINVAL (a length too large) or -ENOMEM. */
static int segments_copy(const struct astra_iovec *iov, size_t n, struct astra_iovec *local, size_t nlocal,
                         struct astra_iovec **seg, size_t *total)
{
    *total = 0;
    for (size_t i = 0; i < n; i++)
        if ((long)iov[i].iov_len < 0 || (*total += iov[i].iov_len) > 0x7ffff000)
            return -ASTRA_EINVAL;
    *seg = n <= nlocal ? local : kvm_zalloc(n * sizeof **seg);
    if (!*seg)
        return -ASTRA_ENOMEM;
    for (size_t i = 0; i < n; i++)
        (*seg)[i] = iov[i];
    return 0;
}

/* sendmsg on an AF_UNIX socket: the segments make one message (a datagram, a seqpacket) or
 * go on the stream, with the descriptors of SCM_RIGHTS control messages. */
static long unix_sendmsg(struct socket *s, struct file *f, const struct astra_msghdr *m,
                         const struct astra_iovec *iov, int flags)
{
    struct astra_iovec local[8], *seg = 0;
    size_t total;
    int r = segments_copy(iov, m->msg_iovlen, local, 8, &seg, &total);
    struct astra_sockaddr_storage a;
    if (!r && m->msg_name && m->msg_namelen &&
        !(r = copy_addr_in((uint64_t)m->msg_name, m->msg_namelen, &a)))
        r = unix_send_to_name(s, &a, m->msg_namelen);
    struct unix_rights *rights = 0;
    if (!r && m->msg_controllen)
        r = unix_rights_from_control((uint64_t)m->msg_control, m->msg_controllen, &rights);
    long sent = r;
    if (!r) {
        struct unix_iov io = { current_mm(), seg, m->msg_iovlen, total };
        f->refs++; /* the socket stays while we sleep, even if another thread closes fd */
        sent = unix_send(s, &io, rights, flags, nonblocking(f, flags));
        file_put(f);
    }
    if (seg && seg != local)
        kvm_free(seg);
    return sent;
}

/* recvmsg on an AF_UNIX socket: no name (a pair's sockets have none), descriptors that came
 * installed and written as one SCM_RIGHTS message, MSG_TRUNC and MSG_CTRUNC in msg_flags
 * (with MSG_CMSG_CLOEXEC when asked, as Linux reports it). */
static long unix_recvmsg(struct socket *s, struct file *f, uint64_t umsg, const struct astra_msghdr *m,
                         const struct astra_iovec *iov, int flags)
{
    struct astra_iovec local[8], *seg = 0;
    size_t total;
    int r = segments_copy(iov, m->msg_iovlen, local, 8, &seg, &total);
    if (r)
        return r;
    struct unix_iov io = { current_mm(), seg, m->msg_iovlen, total };
    struct unix_rights *rights;
    int msg_flags = 0;
    f->refs++;
    long got = unix_recv(s, &io, flags, nonblocking(f, flags), &rights, &msg_flags);
    file_put(f);
    if (seg != local)
        kvm_free(seg);
    if (got < 0)
        return got;
    struct astra_msghdr out = *m;
    out.msg_namelen = 0;
    out.msg_controllen = 0;
    if (rights)
        out.msg_controllen = unix_rights_to_control(rights, (uint64_t)m->msg_control, m->msg_controllen,
                                                    flags & ASTRA_MSG_CMSG_CLOEXEC, &msg_flags);
    out.msg_flags = msg_flags | (flags & ASTRA_MSG_CMSG_CLOEXEC);
    if (uvm_copy_out(current_mm(), umsg, &out, sizeof out))
        return -ASTRA_EFAULT;
    return got;
}

/* sendmsg: AF_UNIX sockets as above; the others without ancillary data (a control part is
 * -EINVAL): a stream's segments go one after the other, a datagram's are gathered into one. */
long ksys_sendmsg(int fd, uint64_t umsg, int flags)
{
    static struct astra_iovec iov[ASTRA_IOV_MAX]; /* BKL; filled and used before any sleep */
    struct astra_msghdr m;
    struct socket *s;
    struct file *f;
    int r = get_socket(fd, &s, &f);
    if (r || (r = get_msghdr(umsg, &m, iov)))
        return r;
    if (is_unix(f))
        return unix_sendmsg(s, f, &m, iov, flags);
    if (m.msg_controllen)
        return -ASTRA_EINVAL;
    size_t total = 0, segments = 0;
    for (size_t i = 0; i < m.msg_iovlen; i++) {
        if ((long)iov[i].iov_len < 0 || (total += iov[i].iov_len) > 0x7ffff000)
            return -ASTRA_EINVAL;
        segments += iov[i].iov_len != 0;
    }
    if (socket_is_datagram(s) && segments > 1) {
        if (total > DGRAM_BUFFER_MAX)
            return -ASTRA_EMSGSIZE;
        unsigned char *data = kvm_zalloc(total);
        if (!data)
            return -ASTRA_ENOMEM;
        size_t at = 0;
        for (size_t i = 0; i < m.msg_iovlen && !r; at += iov[i].iov_len, i++)
            if (uvm_copy_in(current_mm(), data + at, (uint64_t)iov[i].iov_base, iov[i].iov_len))
                r = -ASTRA_EFAULT;
        long sent = r;
        struct astra_sockaddr_storage a;
        if (!r && m.msg_name && (r = copy_addr_in((uint64_t)m.msg_name, m.msg_namelen, &a)))
            sent = r;
        if (!r)
            sent = socket_send(s, data, total, 0, m.msg_name ? &a : 0, m.msg_namelen);
        kvm_free(data);
        return sent;
    }
    /* The segments are copied out of the static array before the first sleep. */
    size_t n = m.msg_iovlen;
    struct astra_iovec local[8], *seg = n <= 8 ? local : kvm_zalloc(n * sizeof *seg);
    if (!seg)
        return -ASTRA_ENOMEM;
    for (size_t i = 0; i < n; i++)
        seg[i] = iov[i];
    long done = 0, last = 0;
    for (size_t i = 0; i < n; i++) {
        if (!seg[i].iov_len && (n > 1 || socket_is_datagram(s) == 0))
            continue;
        last = ksys_sendto(fd, (uint64_t)seg[i].iov_base, seg[i].iov_len, flags | (done ? ASTRA_MSG_NOSIGNAL : 0),
                           (uint64_t)m.msg_name, m.msg_namelen);
        if (last < 0)
            break;
        done += last;
        if ((size_t)last < seg[i].iov_len)
            break;
    }
    if (seg != local)
        kvm_free(seg);
    return done ? done : last;
}

/* recvmsg: AF_UNIX sockets as above; the others without ancillary data (msg_controllen and
 * msg_flags come back 0), one receive (a stream's up to CHUNK bytes, a datagram whole)
 * scattered over the segments. */
long ksys_recvmsg(int fd, uint64_t umsg, int flags)
{
    static struct astra_iovec iov[ASTRA_IOV_MAX]; /* BKL; copied out before any sleep */
    struct astra_msghdr m;
    struct socket *s;
    struct file *f;
    int r = get_socket(fd, &s, &f);
    if (r || (r = get_msghdr(umsg, &m, iov)))
        return r;
    if (is_unix(f))
        return unix_recvmsg(s, f, umsg, &m, iov, flags);
    size_t n = m.msg_iovlen, total = 0;
    for (size_t i = 0; i < n; i++) {
        if ((long)iov[i].iov_len < 0 || (total += iov[i].iov_len) > 0x7ffff000)
            return -ASTRA_EINVAL;
    }
    struct astra_iovec local[8], *seg = n <= 8 ? local : kvm_zalloc(n * sizeof *seg);
    if (!seg)
        return -ASTRA_ENOMEM;
    for (size_t i = 0; i < n; i++)
        seg[i] = iov[i];
    size_t cap = socket_is_datagram(s) ? DGRAM_BUFFER_MAX : CHUNK;
    struct call_buffer b;
    if ((r = buffer_get(&b, total < cap ? total : cap))) {
        if (seg != local)
            kvm_free(seg);
        return r;
    }
    struct astra_sockaddr_storage from;
    unsigned fromlen = 0;
    f->refs++; /* the socket stays while we sleep, even if another thread closes fd */
    long got = socket_recv(s, b.data, b.size, flags, nonblocking(f, flags), &from, &fromlen);
    file_put(f);
    size_t at = 0;
    for (size_t i = 0; got > 0 && i < n && at < (size_t)got; i++) {
        size_t c = seg[i].iov_len < (size_t)got - at ? seg[i].iov_len : (size_t)got - at;
        if (uvm_copy_out(current_mm(), (uint64_t)seg[i].iov_base, b.data + at, c))
            got = -ASTRA_EFAULT;
        at += c;
    }
    buffer_put(&b);
    if (seg != local)
        kvm_free(seg);
    if (got < 0)
        return got;
    struct astra_msghdr out = m;
    out.msg_namelen = 0;
    /* An unnamed Unix-domain peer (socketpair's), its family alone, has no name to give. */
    if (m.msg_name && fromlen > sizeof(uint16_t)) {
        if (uvm_copy_out(current_mm(), (uint64_t)m.msg_name, &from, m.msg_namelen < fromlen ? m.msg_namelen : fromlen))
            return -ASTRA_EFAULT;
        out.msg_namelen = fromlen;
    }
    out.msg_controllen = 0;
    out.msg_flags = 0;
    if (uvm_copy_out(current_mm(), umsg, &out, sizeof out))
        return -ASTRA_EFAULT;
    return got;
}
