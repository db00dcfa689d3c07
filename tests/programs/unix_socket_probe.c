/* Unix-domain socket pairs on the Astra kernel against Linux (tests/kernel/unix_socket_test.c):
 * stream, datagram and seqpacket pairs (message boundaries, truncation, end of file, poll,
 * full buffers), descriptors passed with SCM_RIGHTS, and what getsockopt reports of each kind
 * of socket. Built static with glibc; prints results and errno names, never descriptor
 * numbers or buffer sizes that a machine's settings decide. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void result(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else
        printf("%s: %ld\n", what, r);
}

static volatile sig_atomic_t sigpipes;
static void on_sigpipe(int sig) { (void)sig; sigpipes++; }

static const char *events(int ev)
{
    static char buf[128];
    static const struct { int bit; const char *name; } names[] = {
        { POLLIN, "IN" }, { POLLPRI, "PRI" }, { POLLOUT, "OUT" }, { POLLERR, "ERR" }, { POLLHUP, "HUP" },
        { POLLRDNORM, "RDNORM" }, { POLLWRNORM, "WRNORM" }, { POLLWRBAND, "WRBAND" }, { POLLRDHUP, "RDHUP" },
    };
    buf[0] = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ev & names[i].bit)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", buf[0] ? "|" : "", names[i].name);
    return buf[0] ? buf : "none";
}

static void poll_state(const char *what, int fd)
{
    struct pollfd p = { fd, POLLIN | POLLPRI | POLLOUT | POLLRDHUP | POLLRDNORM | POLLWRNORM | POLLWRBAND, 0 };
    int n = poll(&p, 1, 0);
    printf("poll %s: %d %s\n", what, n, events(p.revents));
}

static void epoll_state(const char *what, int fd)
{
    int ep = epoll_create1(0);
    struct epoll_event e = { .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.fd = fd };
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
    struct epoll_event got = { 0 };
    int n = epoll_wait(ep, &got, 1, 0);
    printf("epoll %s: %d %s\n", what, n, n > 0 ? events((int)got.events) : "none");
    close(ep);
}

static int get_int_opt(int fd, int name, const char *what)
{
    int v = -7;
    socklen_t len = sizeof v;
    int r = getsockopt(fd, SOL_SOCKET, name, &v, &len);
    if (r < 0)
        printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else
        printf("%s: %d (len %u)\n", what, v, (unsigned)len);
    return v;
}

static void identity(const char *what, int fd)
{
    char name[96];
    printf("-- %s\n", what);
    snprintf(name, sizeof name, "%s SO_TYPE", what);
    get_int_opt(fd, SO_TYPE, name);
    snprintf(name, sizeof name, "%s SO_DOMAIN", what);
    get_int_opt(fd, SO_DOMAIN, name);
    snprintf(name, sizeof name, "%s SO_PROTOCOL", what);
    get_int_opt(fd, SO_PROTOCOL, name);
    snprintf(name, sizeof name, "%s SO_ACCEPTCONN", what);
    get_int_opt(fd, SO_ACCEPTCONN, name);
    snprintf(name, sizeof name, "%s SO_ERROR", what);
    get_int_opt(fd, SO_ERROR, name);
}

static int pair(int type, int sv[2])
{
    int r = socketpair(AF_UNIX, type, 0, sv);
    if (r < 0) {
        printf("socketpair type %d: %s\n", type, strerrorname_np(errno));
        exit(1);
    }
    return r;
}

/* ---- cases ---- */

static void case_types(void)
{
    int sv[2];
    static const int types[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, 4, SOCK_SEQPACKET, 6, 10, 11, 99, -1 };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "socketpair type %d", types[i]);
        int r = socketpair(AF_UNIX, types[i], 0, sv);
        result(what, r);
        if (r == 0) {
            close(sv[0]);
            close(sv[1]);
        }
    }
    result("socketpair protocol PF_UNIX", socketpair(AF_UNIX, SOCK_SEQPACKET, PF_UNIX, sv));
    close(sv[0]);
    close(sv[1]);
    result("socketpair protocol 2", socketpair(AF_UNIX, SOCK_DGRAM, 2, sv));
    result("socketpair unknown flag", socketpair(AF_UNIX, SOCK_DGRAM | 0x100000, 0, sv));
    result("socketpair AF_INET6 dgram", socketpair(AF_INET6, SOCK_DGRAM, 0, sv));
    result("socketpair bad pointer", syscall(SYS_socketpair, AF_UNIX, SOCK_SEQPACKET, 0, 8));

    pair(SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, sv);
    printf("seqpacket cloexec %d nonblock %d\n", fcntl(sv[0], F_GETFD) & FD_CLOEXEC,
           !!(fcntl(sv[1], F_GETFL) & O_NONBLOCK));
    identity("unix seqpacket", sv[0]);
    get_int_opt(sv[0], SO_SNDBUF, "unix seqpacket SO_SNDBUF");
    get_int_opt(sv[0], SO_RCVBUF, "unix seqpacket SO_RCVBUF");
    close(sv[0]);
    close(sv[1]);
    pair(SOCK_DGRAM, sv);
    printf("dgram cloexec %d nonblock %d\n", fcntl(sv[0], F_GETFD) & FD_CLOEXEC,
           !!(fcntl(sv[1], F_GETFL) & O_NONBLOCK));
    identity("unix dgram", sv[0]);
    close(sv[0]);
    close(sv[1]);
    pair(SOCK_RAW, sv);
    identity("unix raw", sv[0]);
    close(sv[0]);
    close(sv[1]);
    pair(SOCK_STREAM, sv);
    identity("unix stream", sv[0]);
    int v = 1;
    result("setsockopt SO_SNDBUF 1", setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof v));
    get_int_opt(sv[0], SO_SNDBUF, "SO_SNDBUF after 1");
    result("setsockopt SO_RCVBUF 1", setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, sizeof v));
    get_int_opt(sv[0], SO_RCVBUF, "SO_RCVBUF after 1");
    v = 5000;
    result("setsockopt SO_SNDBUF 5000", setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof v));
    get_int_opt(sv[0], SO_SNDBUF, "SO_SNDBUF after 5000");
    result("setsockopt SO_TYPE", setsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, sizeof v));
    socklen_t len = 2;
    short small = 0;
    result("getsockopt SO_TYPE 2 bytes", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &small, &len));
    printf("small: %d len %u\n", small, (unsigned)len);
    len = 4;
    result("getsockopt SO_TYPE bad pointer", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, (void *)8, &len));
    len = (socklen_t)-1;
    result("getsockopt SO_TYPE negative length", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len));
    result("getsockopt SO_TYPE not a socket", getsockopt(1 + 100, SOL_SOCKET, SO_TYPE, &v, &len));
    int p[2];
    pipe(p);
    len = sizeof v;
    result("getsockopt SO_TYPE of a pipe", getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &len));
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);

    int t = socket(AF_INET, SOCK_STREAM, 0);
    identity("tcp", t);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(t, (struct sockaddr *)&a, sizeof a);
    listen(t, 4);
    identity("tcp listening", t);
    close(t);
    int u = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    identity("udp", u);
    close(u);
    int t6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    identity("tcp6", t6);
    close(t6);
    int u6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    identity("udp6", u6);
    close(u6);
}

/* Messages on a datagram or seqpacket pair. */
static void messages(int type)
{
    int sv[2];
    pair(type, sv);
    char buf[64];
    poll_state("empty", sv[0]);
    epoll_state("empty", sv[0]);
    result("send one", send(sv[1], "one", 3, 0));
    result("send empty", send(sv[1], "", 0, 0));
    result("write three", write(sv[1], "three", 5));
    poll_state("three queued", sv[0]);
    epoll_state("three queued", sv[0]);
    memset(buf, 0, sizeof buf);
    result("recv 1st", recv(sv[0], buf, sizeof buf, 0));
    printf("got '%s'\n", buf);
    result("recv 2nd (empty)", recv(sv[0], buf, sizeof buf, 0));
    memset(buf, 0, sizeof buf);
    result("read 3rd", read(sv[0], buf, sizeof buf));
    printf("got '%s'\n", buf);
    result("recv none, nonblocking", recv(sv[0], buf, sizeof buf, MSG_DONTWAIT));
    struct sockaddr_storage from;
    memset(&from, 0x55, sizeof from);
    socklen_t fromlen = sizeof from;
    send(sv[1], "from", 4, 0);
    result("recvfrom", recvfrom(sv[0], buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen));
    printf("address length %u, family untouched: %d\n", (unsigned)fromlen, from.ss_family == 0x5555);
    fromlen = sizeof from;
    result("getpeername", getpeername(sv[0], (struct sockaddr *)&from, &fromlen));
    printf("peer: family %d length %u\n", from.ss_family, (unsigned)fromlen);

    /* A short read truncates: the rest of the message is gone. */
    send(sv[1], "abcdefgh", 8, 0);
    send(sv[1], "next", 4, 0);
    memset(buf, 0, sizeof buf);
    struct iovec iov = { buf, 3 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_flags = 0x12345 };
    result("recvmsg into 3 bytes", recvmsg(sv[0], &m, 0));
    printf("got '%s' flags %#x controllen %zu\n", buf, m.msg_flags, m.msg_controllen);
    memset(buf, 0, sizeof buf);
    m.msg_flags = 0;
    result("recvmsg the next", recvmsg(sv[0], &m, 0));
    printf("got '%s' flags %#x\n", buf, m.msg_flags);
    send(sv[1], "0123456789", 10, 0);
    result("recv 4 with MSG_TRUNC", recv(sv[0], buf, 4, MSG_TRUNC));
    send(sv[1], "peekaboo", 8, 0);
    memset(buf, 0, sizeof buf);
    result("recv peek 4", recv(sv[0], buf, 4, MSG_PEEK));
    result("recv peek all", recv(sv[0], buf, sizeof buf, MSG_PEEK));
    result("recv after peeks", recv(sv[0], buf, sizeof buf, 0));
    printf("got '%s'\n", buf);
    send(sv[1], "zero", 4, 0);
    result("recv 0 bytes", recv(sv[0], buf, 0, 0));
    result("recv after a 0-byte recv", recv(sv[0], buf, sizeof buf, MSG_DONTWAIT));

    /* Gathered and scattered. */
    struct iovec out[3] = { { "ga", 2 }, { "", 0 }, { "ther", 4 } };
    struct msghdr om = { .msg_iov = out, .msg_iovlen = 3 };
    result("sendmsg 3 segments", sendmsg(sv[1], &om, 0));
    char a[4] = { 0 }, b[8] = { 0 };
    struct iovec in[2] = { { a, 3 }, { b, 7 } };
    struct msghdr im = { .msg_iov = in, .msg_iovlen = 2 };
    result("recvmsg 2 segments", recvmsg(sv[0], &im, 0));
    printf("segments '%s' '%s' flags %#x\n", a, b, im.msg_flags);

    /* A large message travels whole; one over the send buffer is refused. */
    size_t big = 100000;
    char *data = malloc(big + 1), *back = calloc(1, big + 1);
    for (size_t i = 0; i < big; i++)
        data[i] = (char)('a' + i % 26);
    result("send 100000", send(sv[1], data, big, 0));
    result("recv 100000", recv(sv[0], back, big + 1, 0));
    printf("same: %d\n", !memcmp(data, back, big));
    int sndbuf = 0;
    socklen_t len = sizeof sndbuf;
    getsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &sndbuf, &len);
    char *huge = calloc(1, (size_t)sndbuf);
    printf("send of sndbuf - 31 bytes: %s\n",
           send(sv[1], huge, (size_t)sndbuf - 31, MSG_DONTWAIT) < 0 ? strerrorname_np(errno) : "sent");
    free(huge);

    /* Fill without blocking until the buffer is full, then drain. */
    long sent = 0, r;
    while ((r = send(sv[1], data, 1000, MSG_DONTWAIT)) == 1000)
        sent++;
    printf("filled: %d, then %s\n", sent > 10, r < 0 ? strerrorname_np(errno) : "short");
    poll_state("full (sender)", sv[1]);
    long drained = 0;
    while (recv(sv[0], back, big, MSG_DONTWAIT) == 1000)
        drained++;
    printf("drained all: %d\n", drained == sent);
    poll_state("drained (sender)", sv[1]);
    free(data);
    free(back);

    result("MSG_OOB send", send(sv[1], "x", 1, MSG_OOB));
    result("MSG_OOB recv", recv(sv[0], buf, sizeof buf, MSG_OOB | MSG_DONTWAIT));
    result("recv bad buffer, nothing queued", recv(sv[0], (void *)8, 4, MSG_DONTWAIT));
    send(sv[1], "lost", 4, 0);
    result("recv bad buffer", recv(sv[0], (void *)8, 4, 0));
    result("recv after a bad buffer", recv(sv[0], buf, sizeof buf, MSG_DONTWAIT));
    result("send bad buffer", send(sv[1], (void *)8, 4, 0));
    result("shutdown 5", shutdown(sv[0], 5));
    close(sv[0]);
    close(sv[1]);

    /* The end: the peer closes with messages left for us, and with ours unread. */
    signal(SIGPIPE, on_sigpipe);
    pair(type, sv);
    send(sv[1], "last", 4, 0);
    send(sv[0], "unread", 6, 0);
    close(sv[1]);
    poll_state("peer closed", sv[0]);
    memset(buf, 0, sizeof buf);
    result("recv after peer closed", recv(sv[0], buf, sizeof buf, 0));
    printf("got '%s'\n", buf);
    result("recv again", recv(sv[0], buf, sizeof buf, MSG_DONTWAIT));
    result("recv once more", recv(sv[0], buf, sizeof buf, MSG_DONTWAIT));
    poll_state("peer closed, drained", sv[0]);
    result("send to closed peer", send(sv[0], "x", 1, 0));
    result("send to closed peer again", send(sv[0], "x", 1, MSG_NOSIGNAL));
    printf("SIGPIPEs: %d\n", (int)sigpipes);
    socklen_t len2 = sizeof from;
    result("getpeername after the peer closed", getpeername(sv[0], (struct sockaddr *)&from, &len2));
    close(sv[0]);

    /* Shutdown. */
    pair(type, sv);
    result("shutdown SHUT_WR", shutdown(sv[0], SHUT_WR));
    poll_state("after SHUT_WR (self)", sv[0]);
    poll_state("after SHUT_WR (peer)", sv[1]);
    result("send after SHUT_WR", send(sv[0], "x", 1, MSG_NOSIGNAL));
    result("peer recv after SHUT_WR", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    result("peer send after SHUT_WR", send(sv[1], "y", 1, MSG_NOSIGNAL));
    result("recv of it", recv(sv[0], buf, sizeof buf, MSG_DONTWAIT));
    result("shutdown SHUT_RD", shutdown(sv[0], SHUT_RD));
    poll_state("after SHUT_RD too", sv[0]);
    result("recv after SHUT_RD", recv(sv[0], buf, sizeof buf, MSG_DONTWAIT));
    result("peer send after SHUT_RD", send(sv[1], "y", 1, MSG_NOSIGNAL));
    printf("SIGPIPEs: %d\n", (int)sigpipes);
    close(sv[0]);
    close(sv[1]);
    signal(SIGPIPE, SIG_DFL);
}

static void case_seqpacket(void) { messages(SOCK_SEQPACKET); }
static void case_dgram(void) { messages(SOCK_DGRAM); }

static void case_stream(void)
{
    int sv[2];
    char buf[64] = { 0 };
    pair(SOCK_STREAM, sv);
    poll_state("empty", sv[0]);
    send(sv[1], "ab", 2, 0);
    send(sv[1], "cd", 2, 0);
    result("recv glues sends", recv(sv[0], buf, sizeof buf, 0));
    printf("got '%s'\n", buf);
    send(sv[1], "efgh", 4, 0);
    memset(buf, 0, sizeof buf);
    result("recv 2 of 4", recv(sv[0], buf, 2, 0));
    result("recv the rest", recv(sv[0], buf + 2, sizeof buf, 0));
    printf("got '%s'\n", buf);
    result("read 0 bytes", read(sv[0], buf, 0));
    send(sv[1], "wait", 4, 0);
    result("recv MSG_WAITALL 4", recv(sv[0], buf, 4, MSG_WAITALL));
    send(sv[1], "unread", 6, 0);
    signal(SIGPIPE, on_sigpipe);
    sigpipes = 0;
    close(sv[0]);
    poll_state("peer closed with unread data", sv[1]);
    result("recv after peer closed", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    result("recv again", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    result("send to closed peer", send(sv[1], "x", 1, 0));
    printf("SIGPIPEs: %d\n", (int)sigpipes);
    close(sv[1]);
    pair(SOCK_STREAM, sv);
    close(sv[0]);
    poll_state("peer closed", sv[1]);
    result("recv after peer closed", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    close(sv[1]);
    signal(SIGPIPE, SIG_DFL);
}

/* ---- descriptors in messages ---- */

#define FDS_SPACE CMSG_SPACE(8 * sizeof(int))

static long send_fds(int sock, const void *data, size_t n, const int *fds, int count)
{
    union { char buf[CMSG_SPACE(260 * sizeof(int))]; struct cmsghdr align; } u;
    memset(&u, 0, sizeof u);
    struct iovec iov = { (void *)data, n };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (count >= 0) {
        m.msg_control = u.buf;
        m.msg_controllen = CMSG_SPACE(count * sizeof(int));
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(count * sizeof(int));
        memcpy(CMSG_DATA(c), fds, count * sizeof(int));
    }
    return sendmsg(sock, &m, MSG_NOSIGNAL);
}

/* Receives into buf; the descriptors that came go to fds (up to *count, the room given). */
static long recv_fds(int sock, char *buf, size_t n, int *fds, int *count, size_t space, int flags, int *mflags)
{
    union { char buf[CMSG_SPACE(260 * sizeof(int))]; struct cmsghdr align; } u;
    memset(&u, 0, sizeof u);
    struct iovec iov = { buf, n };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = space ? u.buf : NULL,
                        .msg_controllen = space };
    long r = recvmsg(sock, &m, flags);
    int got = 0;
    if (r >= 0 && m.msg_controllen)
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
                int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
                memcpy(fds + got, CMSG_DATA(c), k * sizeof(int));
                got += k;
            }
    *count = got;
    if (mflags)
        *mflags = m.msg_flags;
    if (r >= 0)
        printf("  recvmsg %ld, %d fds, controllen %zu, flags %#x\n", r, got, m.msg_controllen, m.msg_flags);
    else
        printf("  recvmsg -1 %s\n", strerrorname_np(errno));
    return r;
}

static int same_file(int a, int b)
{
    struct stat x, y;
    return fstat(a, &x) == 0 && fstat(b, &y) == 0 && x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}

static int pipe_eof(int rd)
{
    char c;
    fcntl(rd, F_SETFL, O_NONBLOCK);
    return read(rd, &c, 1) == 0;
}

static void rights_on(int type)
{
    int sv[2], p[2], fds[300], n;
    char buf[64];
    pair(type, sv);
    pipe(p);
    char path[] = "/tmp/unix_probe_XXXXXX";
    int file = mkstemp(path);
    unlink(path);
    write(file, "0123456789", 10);
    lseek(file, 2, SEEK_SET);

    int three[3] = { p[0], p[1], file };
    result("sendmsg 3 fds", send_fds(sv[0], "fds", 3, three, 3));
    memset(buf, 0, sizeof buf);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, MSG_CMSG_CLOEXEC, NULL);
    printf("  data '%s'\n", buf);
    if (n == 3) {
        printf("  new descriptors: %d, same files: %d %d %d, cloexec %d %d\n", fds[0] != p[0] && fds[2] != file,
               same_file(fds[0], p[0]), same_file(fds[1], p[1]), same_file(fds[2], file),
               fcntl(fds[0], F_GETFD) & FD_CLOEXEC, fcntl(fds[2], F_GETFD) & FD_CLOEXEC);
        lseek(fds[2], 7, SEEK_SET);
        printf("  shared offset: %ld\n", (long)lseek(file, 0, SEEK_CUR));
        write(fds[1], "via", 3);
        memset(buf, 0, sizeof buf);
        read(p[0], buf, sizeof buf);
        printf("  through the passed pipe: '%s'\n", buf);
        for (int i = 0; i < 3; i++)
            close(fds[i]);
    }

    /* In flight: the sender's descriptor closed before the receiver takes it. */
    int q[2];
    pipe(q);
    result("sendmsg a pipe's write end", send_fds(sv[0], "w", 1, &q[1], 1));
    close(q[1]);
    printf("  read end at eof while in flight: %d\n", pipe_eof(q[0]));
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
    if (n == 1) {
        printf("  cloexec %d\n", fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
        result("  write through it", write(fds[0], "!", 1));
        close(fds[0]);
    }
    printf("  read end at eof after: %d\n", !pipe_eof(q[0]) && pipe_eof(q[0]));
    close(q[0]);

    /* Too little room: what does not fit is closed. */
    pipe(q);
    int two[2] = { q[1], q[1] };
    result("sendmsg 2 fds", send_fds(sv[0], "t", 1, two, 2));
    close(q[1]);
    int mflags = 0;
    recv_fds(sv[1], buf, sizeof buf, fds, &n, CMSG_LEN(sizeof(int)), 0, &mflags);
    printf("  eof with one kept: %d\n", pipe_eof(q[0]));
    for (int i = 0; i < n; i++)
        close(fds[i]);
    printf("  eof once it is closed: %d\n", pipe_eof(q[0]));
    close(q[0]);
    pipe(q);
    result("sendmsg 1 fd", send_fds(sv[0], "u", 1, &q[1], 1));
    close(q[1]);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, 0, 0, NULL);
    printf("  eof after a receive without control: %d\n", pipe_eof(q[0]));
    close(q[0]);
    pipe(q);
    result("sendmsg 1 fd", send_fds(sv[0], "v", 1, &q[1], 1));
    close(q[1]);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, sizeof(struct cmsghdr), 0, NULL);
    printf("  eof after a receive with a header's room: %d\n", pipe_eof(q[0]));
    close(q[0]);

    /* No data, only descriptors. */
    result("sendmsg fds without data", send_fds(sv[0], "", 0, &file, 1));
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, MSG_DONTWAIT, NULL);
    for (int i = 0; i < n; i++)
        close(fds[i]);
    result("sendmsg an empty SCM_RIGHTS", send_fds(sv[0], "e", 1, NULL, 0));
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, MSG_DONTWAIT, NULL);

    /* Many at once: the same descriptor 253 times, then 254. */
    for (int i = 0; i < 260; i++)
        fds[i] = file;
    result("sendmsg 253 fds", send_fds(sv[0], "m", 1, fds, 253));
    recv_fds(sv[1], buf, sizeof buf, fds, &n, CMSG_SPACE(260 * sizeof(int)), 0, NULL);
    int all_same = 1;
    for (int i = 0; i < n; i++) {
        all_same &= same_file(fds[i], file);
        close(fds[i]);
    }
    printf("  all the same file: %d\n", all_same);
    for (int i = 0; i < 260; i++)
        fds[i] = file;
    result("sendmsg 254 fds", send_fds(sv[0], "m", 1, fds, 254));

    close(file);
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
}

static void case_rights_seqpacket(void) { rights_on(SOCK_SEQPACKET); }
static void case_rights_dgram(void) { rights_on(SOCK_DGRAM); }
static void case_rights_stream(void)
{
    rights_on(SOCK_STREAM);
    /* On a stream the descriptors belong to the bytes they came with. */
    int sv[2], fds[8], n, p[2];
    char buf[64];
    pair(SOCK_STREAM, sv);
    pipe(p);
    send(sv[0], "ab", 2, 0);
    send_fds(sv[0], "cd", 2, &p[0], 1);
    send(sv[0], "ef", 2, 0);
    memset(buf, 0, sizeof buf);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
    printf("  data '%s'\n", buf);
    for (int i = 0; i < n; i++)
        close(fds[i]);
    memset(buf, 0, sizeof buf);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
    printf("  data '%s'\n", buf);
    send_fds(sv[0], "xy", 2, &p[0], 1);
    send_fds(sv[0], "zw", 2, &p[1], 1);
    memset(buf, 0, sizeof buf);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
    printf("  data '%s', the read end: %d\n", buf, n == 1 && same_file(fds[0], p[0]));
    for (int i = 0; i < n; i++)
        close(fds[i]);
    memset(buf, 0, sizeof buf);
    recv_fds(sv[1], buf, 1, fds, &n, FDS_SPACE, 0, NULL);
    printf("  data '%s', the write end: %d\n", buf, n == 1 && same_file(fds[0], p[1]));
    for (int i = 0; i < n; i++)
        close(fds[i]);
    memset(buf, 0, sizeof buf);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
    printf("  data '%s'\n", buf);
    send_fds(sv[0], "peek", 4, &p[0], 1);
    memset(buf, 0, sizeof buf);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, MSG_PEEK, NULL);
    printf("  peeked '%s', a descriptor of the pipe: %d\n", buf, n == 1 && same_file(fds[0], p[0]));
    for (int i = 0; i < n; i++)
        close(fds[i]);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
    for (int i = 0; i < n; i++)
        close(fds[i]);
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
}

/* Control messages that are wrong. */
static void case_rights_errors(void)
{
    int sv[2], fds[4], n;
    char buf[64];
    pair(SOCK_DGRAM, sv);
    union { char buf[256]; struct cmsghdr align; } u;
    struct iovec iov = { "x", 1 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf };
    struct cmsghdr *c = (struct cmsghdr *)u.buf;

    memset(&u, 0, sizeof u);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = sizeof(struct cmsghdr) - 1;
    m.msg_controllen = CMSG_SPACE(sizeof(int));
    result("cmsg_len below a header", sendmsg(sv[0], &m, 0));
    c->cmsg_len = CMSG_SPACE(sizeof(int)) + 8;
    result("cmsg_len past the control", sendmsg(sv[0], &m, 0));
    c->cmsg_len = CMSG_LEN(sizeof(int));
    *(int *)CMSG_DATA(c) = 999;
    result("a closed descriptor", sendmsg(sv[0], &m, 0));
    *(int *)CMSG_DATA(c) = -1;
    result("descriptor -1", sendmsg(sv[0], &m, 0));
    *(int *)CMSG_DATA(c) = 1;
    c->cmsg_type = 99;
    result("unknown SOL_SOCKET type", sendmsg(sv[0], &m, 0));
    c->cmsg_level = IPPROTO_IP;
    result("another level (ignored)", sendmsg(sv[0], &m, 0));
    recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    m.msg_controllen = sizeof(struct cmsghdr) - 1;
    result("control shorter than a header (ignored)", sendmsg(sv[0], &m, 0));
    recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
    m.msg_controllen = (size_t)INT_MAX + 1;
    result("control over INT_MAX", sendmsg(sv[0], &m, 0));
    m.msg_controllen = 200000;
    result("control over optmem_max", sendmsg(sv[0], &m, 0));
    m.msg_control = (void *)8;
    m.msg_controllen = CMSG_SPACE(sizeof(int));
    result("control at a bad address", sendmsg(sv[0], &m, 0));
    m.msg_control = u.buf;

    /* Two SCM_RIGHTS messages in one control buffer. */
    memset(&u, 0, sizeof u);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    *(int *)CMSG_DATA(c) = 1;
    struct cmsghdr *d = (struct cmsghdr *)(u.buf + CMSG_SPACE(sizeof(int)));
    d->cmsg_level = SOL_SOCKET;
    d->cmsg_type = SCM_RIGHTS;
    d->cmsg_len = CMSG_LEN(2 * sizeof(int));
    ((int *)CMSG_DATA(d))[0] = 2;
    ((int *)CMSG_DATA(d))[1] = 0;
    m.msg_controllen = CMSG_SPACE(sizeof(int)) + CMSG_SPACE(2 * sizeof(int));
    result("two SCM_RIGHTS messages", sendmsg(sv[0], &m, 0));
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
    for (int i = 0; i < n; i++)
        close(fds[i]);

    /* Credentials: accepted; without SO_PASSCRED the receiver gets none. */
    memset(&u, 0, sizeof u);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
    struct ucred cred = { getpid(), getuid(), getgid() };
    memcpy(CMSG_DATA(c), &cred, sizeof cred);
    m.msg_controllen = CMSG_SPACE(sizeof(struct ucred));
    result("SCM_CREDENTIALS of self", sendmsg(sv[0], &m, 0));
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
    c->cmsg_len = CMSG_LEN(sizeof(struct ucred)) - 1;
    result("SCM_CREDENTIALS short", sendmsg(sv[0], &m, 0));

    /* A receive whose control buffer is unmapped keeps the data and loses the descriptors. */
    int file = dup(1);
    send_fds(sv[0], "bad", 3, &file, 1);
    close(file);
    struct iovec riov = { buf, sizeof buf };
    struct msghdr rm = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = (void *)8,
                         .msg_controllen = CMSG_SPACE(sizeof(int)) };
    result("recvmsg, control at a bad address", recvmsg(sv[1], &rm, 0));
    printf("  controllen %zu flags %#x\n", rm.msg_controllen, rm.msg_flags);
    result("recvmsg bad header", recvmsg(sv[1], (struct msghdr *)8, 0));
    result("sendmsg bad header", sendmsg(sv[0], (struct msghdr *)8, 0));
    close(sv[0]);
    close(sv[1]);

    /* A socket's own descriptor, sent over it, stays until it is read. */
    pair(SOCK_SEQPACKET, sv);
    int keep = dup(sv[1]);
    send_fds(sv[0], "self", 4, &keep, 1);
    close(keep);
    recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
    if (n == 1) {
        printf("  the socket itself: %d\n", same_file(fds[0], sv[1]));
        close(fds[0]);
    }
    close(sv[0]);
    close(sv[1]);
}

/* Sockets queued in sockets queued in sockets, then all closed. */
static void case_nesting(void)
{
    int prev[2], sv[2];
    pair(SOCK_DGRAM, prev);
    for (int level = 1; level <= 8; level++) {
        pair(SOCK_DGRAM, sv);
        printf("level %d: %ld\n", level, send_fds(sv[0], "n", 1, &prev[1], 1));
        close(prev[0]);
        close(prev[1]);
        prev[0] = sv[0];
        prev[1] = sv[1];
    }
    /* A socket in its own queue (a cycle: Linux's collector frees it, the Astra kernel keeps
     * it), and a pair each in the other's queue. */
    send_fds(prev[0], "c", 1, &prev[1], 1);
    int other[2];
    pair(SOCK_STREAM, other);
    send_fds(other[0], "d", 1, &prev[0], 1);
    send_fds(prev[0], "e", 1, &other[1], 1);
    close(other[0]);
    close(other[1]);
    close(prev[0]);
    close(prev[1]);
    int t[2];
    result("a pair after all that", socketpair(AF_UNIX, SOCK_SEQPACKET, 0, t));
    close(t[0]);
    close(t[1]);
}

/* Between processes: std's Command reports an exec failure through a seqpacket pair. */
static void case_processes(void)
{
    int sv[2], status;
    char buf[16];
    static const char *const programs[] = { "/no/such/program", NULL };
    for (int i = 0; i < 2; i++) {
        pair(SOCK_SEQPACKET | SOCK_CLOEXEC, sv);
        pid_t pid = fork();
        if (pid == 0) {
            close(sv[0]);
            if (programs[i]) {
                char *argv[] = { (char *)programs[i], NULL };
                execv(programs[i], argv);
                unsigned char msg[8] = { 0, 0, 0, (unsigned char)errno, 'N', 'O', 'E', 'X' };
                write(sv[1], msg, sizeof msg);
            }
            _exit(1);
        }
        close(sv[1]);
        long n = read(sv[0], buf, sizeof buf);
        printf("exec of %s: read %ld", programs[i] ? programs[i] : "nothing", n);
        if (n == 8)
            printf(" errno %s footer %.4s", strerrorname_np(buf[3]), buf + 4);
        result(", then read", read(sv[0], buf, sizeof buf));
        waitpid(pid, &status, 0);
        close(sv[0]);
    }

    /* A sender blocked on a full buffer goes on as the receiver reads. */
    pair(SOCK_SEQPACKET, sv);
    pid_t pid = fork();
    if (pid == 0) {
        char msg[1000] = { 0 };
        for (int i = 0; i < 600; i++) {
            memcpy(msg, &i, sizeof i);
            if (send(sv[1], msg, sizeof msg, 0) != (long)sizeof msg)
                _exit(2);
        }
        _exit(0);
    }
    struct timespec pause = { 0, 100 * 1000 * 1000 };
    nanosleep(&pause, NULL);
    int in_order = 1;
    for (int i = 0; i < 600; i++) {
        char msg[1000];
        int k = -1;
        if (recv(sv[0], msg, sizeof msg, 0) != (long)sizeof msg)
            in_order = 0;
        memcpy(&k, msg, sizeof k);
        in_order &= k == i;
    }
    waitpid(pid, &status, 0);
    printf("600 messages through a blocked sender, in order: %d, child status %d\n", in_order, WEXITSTATUS(status));

    /* A receiver blocked on an empty socket wakes when the peer's process ends. */
    pid = fork();
    if (pid == 0) {
        close(sv[0]);
        nanosleep(&pause, NULL);
        _exit(0);
    }
    close(sv[1]);
    result("blocked recv until the peer exits", recv(sv[0], buf, sizeof buf, 0));
    waitpid(pid, &status, 0);
    close(sv[0]);

    /* A descriptor to another process. */
    int p[2];
    pipe(p);
    pair(SOCK_DGRAM, sv);
    pid = fork();
    if (pid == 0) {
        int fds[4], n;
        close(p[0]);
        close(p[1]);
        recv_fds(sv[1], buf, sizeof buf, fds, &n, FDS_SPACE, 0, NULL);
        if (n == 1)
            write(fds[0], "hi", 2);
        _exit(0);
    }
    send_fds(sv[0], "p", 1, &p[1], 1);
    close(p[1]);
    memset(buf, 0, sizeof buf);
    result("read what the child wrote", read(p[0], buf, sizeof buf));
    printf("got '%s'\n", buf);
    result("then", read(p[0], buf, sizeof buf));
    waitpid(pid, &status, 0);
    close(p[0]);

    /* A receive timeout. */
    struct timeval tv = { 0, 50000 };
    result("SO_RCVTIMEO", setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    result("recv with a timeout", recv(sv[0], buf, sizeof buf, 0));
    close(sv[0]);
    close(sv[1]);
}

int main(int argc, char **argv)
{
    static const struct { const char *name; void (*run)(void); } cases[] = {
        { "types", case_types }, { "seqpacket", case_seqpacket }, { "dgram", case_dgram },
        { "stream", case_stream }, { "rights-seqpacket", case_rights_seqpacket },
        { "rights-dgram", case_rights_dgram }, { "rights-stream", case_rights_stream },
        { "rights-errors", case_rights_errors }, { "nesting", case_nesting }, { "processes", case_processes },
    };
    setvbuf(stdout, NULL, _IONBF, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (argc < 2 || !strcmp(argv[1], cases[i].name)) {
            printf("== %s\n", cases[i].name);
            cases[i].run();
        }
    return 0;
}
