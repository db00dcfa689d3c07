/* Sockets and name resolution through the contract on the Linux host: hermit's address
 * layout and constants in, Linux's behaviour out; glibc's getaddrinfo, inet_aton and
 * inet_pton are the oracle for the resolver. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <astra/astra.h>

#include "../libastra/internal/net.h"

static void *unmapped(void)
{
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p, 4096);
    return p;
}

static struct hermit_sockaddr_in v4_addr(const char *ip, uint16_t port)
{
    struct hermit_sockaddr_in a = { .sin_len = sizeof a, .sin_family = HERMIT_AF_INET, .sin_port = htons(port) };
    inet_pton(AF_INET, ip, &a.sin_addr);
    return a;
}

#define SA(a) ((struct hermit_sockaddr *)&(a))

/* A listening TCP socket on 127.0.0.1 and its port. */
static int listener(uint16_t *port)
{
    int s = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, 0);
    cr_assert_geq(s, 0);
    struct hermit_sockaddr_in a = v4_addr("127.0.0.1", 0);
    cr_assert_eq(sys_bind(s, SA(a), sizeof a), 0);
    cr_assert_eq(sys_listen(s, 16), 0);
    hermit_socklen_t len = sizeof a;
    cr_assert_eq(sys_getsockname(s, SA(a), &len), 0);
    *port = ntohs(a.sin_port);
    return s;
}

Test(net, sockets_and_accepted_sockets_are_close_on_exec_as_rusts_std_makes_them)
{
    uint16_t port;
    int l = listener(&port);
    cr_expect(fcntl(l, F_GETFD) & FD_CLOEXEC);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port) };
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(connect(c, (struct sockaddr *)&to, sizeof to), 0);
    int a = sys_accept(l, NULL, NULL);
    cr_assert_geq(a, 0);
    cr_expect(fcntl(a, F_GETFD) & FD_CLOEXEC);
    close(a), close(c), close(l);
}

Test(net, socket_creates_what_linux_creates_and_rejects_unknown_values)
{
    int s = sys_socket(HERMIT_AF_INET6, HERMIT_SOCK_DGRAM | HERMIT_SOCK_NONBLOCK | HERMIT_SOCK_CLOEXEC, 0);
    cr_assert_geq(s, 0);
    int domain, type;
    socklen_t len = sizeof domain;
    getsockopt(s, SOL_SOCKET, SO_DOMAIN, &domain, &len);
    getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len);
    cr_expect_eq(domain, AF_INET6);
    cr_expect_eq(type, SOCK_DGRAM);
    cr_expect(fcntl(s, F_GETFL) & O_NONBLOCK);
    cr_expect_eq(fcntl(s, F_GETFD), FD_CLOEXEC);
    cr_expect_geq(sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, HERMIT_IPPROTO_TCP), 0);
    cr_expect_eq(sys_socket(AF_INET6, HERMIT_SOCK_STREAM, 0), -ASTRA_EAFNOSUPPORT); /* 10 */
    cr_expect_eq(sys_socket(HERMIT_AF_UNSPEC, HERMIT_SOCK_STREAM, 0), -ASTRA_EAFNOSUPPORT);
    cr_expect_eq(sys_socket(HERMIT_AF_INET, 5, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM | SOCK_CLOEXEC, 0), -ASTRA_EINVAL);
    cr_expect_eq(sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, HERMIT_IPPROTO_UDP), -ASTRA_EPROTONOSUPPORT);
    cr_expect_eq(sys_network_init(), 0);
}

Test(net, tcp_over_loopback_carries_data_and_addresses_in_hermits_layout)
{
    uint16_t port;
    int l = listener(&port);
    int c = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, 0);
    struct hermit_sockaddr_in to = v4_addr("127.0.0.1", port);
    cr_assert_eq(sys_connect(c, SA(to), sizeof to), 0);
    struct hermit_sockaddr_storage peer;
    memset(&peer, 0xee, sizeof peer);
    hermit_socklen_t len = sizeof peer;
    int a = sys_accept(l, SA(peer), &len);
    cr_assert_geq(a, 0);
    cr_expect_eq(len, sizeof(struct hermit_sockaddr_in));
    struct hermit_sockaddr_in local, *p = (struct hermit_sockaddr_in *)&peer;
    hermit_socklen_t llen = sizeof local;
    cr_assert_eq(sys_getsockname(c, SA(local), &llen), 0);
    cr_expect_eq(p->sin_len, 16);
    cr_expect_eq(p->sin_family, HERMIT_AF_INET);
    cr_expect_eq(p->sin_port, local.sin_port);
    cr_expect_eq(p->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    struct hermit_sockaddr_in remote;
    hermit_socklen_t rlen = sizeof remote;
    cr_assert_eq(sys_getpeername(c, SA(remote), &rlen), 0);
    cr_expect_eq(remote.sin_family, HERMIT_AF_INET);
    cr_expect_eq(ntohs(remote.sin_port), port);

    cr_expect_eq(sys_send(c, "ping", 4, 0), 4);
    char buf[8] = { 0 };
    cr_expect_eq(sys_recv(a, buf, 2, HERMIT_MSG_PEEK), 2);
    cr_expect_eq(sys_recv(a, buf, sizeof buf, 0), 4);
    cr_expect_str_eq(buf, "ping");
    cr_expect_eq(sys_write(a, "pong", 4), 4);
    cr_expect_eq(sys_read(c, buf, 4), 4);
    cr_expect_eq(sys_shutdown(c, HERMIT_SHUT_WR), 0);
    cr_expect_eq(sys_recv(a, buf, sizeof buf, 0), 0);
    cr_expect_eq(sys_close(c), 0);
    /* The peer is gone: -EPIPE (or -ECONNRESET), never SIGPIPE. */
    intptr_t r = 0;
    for (int i = 0; i < 100 && r >= 0; i++)
        r = sys_send(a, "x", 1, 0);
    cr_expect(r == -ASTRA_EPIPE || r == -ASTRA_ECONNRESET, "%ld", (long)r);
}

Test(net, tcp_over_ipv6_loopback)
{
    int l = sys_socket(HERMIT_AF_INET6, HERMIT_SOCK_STREAM, 0);
    struct hermit_sockaddr_in6 a = { .sin6_len = sizeof a, .sin6_family = HERMIT_AF_INET6 };
    inet_pton(AF_INET6, "::1", &a.sin6_addr);
    if (sys_bind(l, SA(a), sizeof a) != 0)
        cr_skip_test("no IPv6 loopback on this host");
    cr_assert_eq(sys_listen(l, 1), 0);
    hermit_socklen_t len = sizeof a;
    cr_assert_eq(sys_getsockname(l, SA(a), &len), 0);
    cr_expect_eq(len, 28);
    cr_expect_eq(a.sin6_len, 28);
    cr_expect_eq(a.sin6_family, HERMIT_AF_INET6);
    int c = sys_socket(HERMIT_AF_INET6, HERMIT_SOCK_STREAM, 0);
    cr_assert_eq(sys_connect(c, SA(a), sizeof a), 0);
    struct hermit_sockaddr_in6 peer;
    len = sizeof peer;
    int s = sys_accept(l, SA(peer), &len);
    cr_assert_geq(s, 0);
    cr_expect_eq(peer.sin6_family, HERMIT_AF_INET6);
    cr_expect_eq(memcmp(&peer.sin6_addr, &in6addr_loopback, 16), 0);
}

Test(net, udp_sendto_recvfrom_report_the_sender)
{
    int a = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_DGRAM, 0), b = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_DGRAM, 0);
    struct hermit_sockaddr_in aa = v4_addr("127.0.0.1", 0), ba = v4_addr("127.0.0.1", 0);
    hermit_socklen_t len = sizeof aa;
    cr_assert_eq(sys_bind(a, SA(aa), sizeof aa), 0);
    cr_assert_eq(sys_bind(b, SA(ba), sizeof ba), 0);
    sys_getsockname(a, SA(aa), &len);
    sys_getsockname(b, SA(ba), &len);
    cr_expect_eq(sys_sendto(a, "hello", 5, 0, SA(ba), sizeof ba), 5);
    char buf[16] = { 0 };
    struct hermit_sockaddr_in from;
    hermit_socklen_t flen = sizeof from;
    cr_expect_eq(sys_recvfrom(b, buf, sizeof buf, HERMIT_MSG_PEEK, SA(from), &flen), 5);
    memset(&from, 0, sizeof from);
    cr_expect_eq(sys_recvfrom(b, buf, sizeof buf, 0, SA(from), &flen), 5);
    cr_expect_str_eq(buf, "hello");
    cr_expect_eq(flen, 16);
    cr_expect_eq(from.sin_len, 16);
    cr_expect_eq(from.sin_family, HERMIT_AF_INET);
    cr_expect_eq(from.sin_port, aa.sin_port);
    /* A buffer of one byte gets the length byte only; the family cannot be written. */
    cr_expect_eq(sys_sendto(a, "x", 1, 0, SA(ba), sizeof ba), 1);
    unsigned char tiny[2] = { 0x77, 0x77 };
    hermit_socklen_t tlen = 1;
    cr_expect_eq(sys_recvfrom(b, buf, sizeof buf, 0, (struct hermit_sockaddr *)tiny, &tlen), 1);
    cr_expect_eq(tlen, 16);
    cr_expect_eq(tiny[1], 0x77);
    cr_expect_eq(sys_recvfrom(b, buf, sizeof buf, 3, NULL, NULL), -ASTRA_EINVAL);
    cr_expect_eq(sys_sendto(a, "x", 1, 2, SA(ba), sizeof ba), -ASTRA_EINVAL);
}

Test(net, non_blocking_connect_is_in_progress_then_writable)
{
    uint16_t port;
    int l = listener(&port);
    int c = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, 0);
    int on = 1;
    cr_assert_eq(sys_ioctl(c, HERMIT_FIONBIO, &on), 0);
    struct hermit_sockaddr_in to = v4_addr("127.0.0.1", port);
    int r = sys_connect(c, SA(to), sizeof to);
    cr_expect(r == 0 || r == -ASTRA_EINPROGRESS, "%d", r);
    struct hermit_pollfd p = { c, HERMIT_POLLOUT, 0 };
    cr_expect_eq(sys_poll(&p, 1, 5000), 1);
    cr_expect(p.revents & HERMIT_POLLOUT);
    int err = -1;
    hermit_socklen_t len = sizeof err;
    cr_expect_eq(sys_getsockopt(c, HERMIT_SOL_SOCKET, HERMIT_SO_ERROR, &err, &len), 0);
    cr_expect_eq(err, 0);
    /* Accepting without a pending connection on a non-blocking listener would block. */
    cr_expect_geq(sys_accept(l, NULL, NULL), 0);
    cr_assert_eq(sys_ioctl(l, HERMIT_FIONBIO, &on), 0);
    cr_expect_eq(sys_accept(l, NULL, NULL), -ASTRA_EAGAIN);
}

Test(net, a_refused_connection_is_econnrefused_blocking_or_not)
{
    uint16_t port;
    int l = listener(&port);
    sys_close(l);
    int c = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, 0);
    struct hermit_sockaddr_in to = v4_addr("127.0.0.1", port);
    cr_expect_eq(sys_connect(c, SA(to), sizeof to), -ASTRA_ECONNREFUSED);
    int n = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM | HERMIT_SOCK_NONBLOCK, 0);
    int r = sys_connect(n, SA(to), sizeof to);
    cr_expect(r == -ASTRA_EINPROGRESS || r == -ASTRA_ECONNREFUSED, "%d", r);
    if (r == -ASTRA_EINPROGRESS) {
        struct hermit_pollfd p = { n, HERMIT_POLLOUT, 0 };
        cr_expect_eq(sys_poll(&p, 1, 5000), 1);
        cr_expect(p.revents & HERMIT_POLLHUP);
        int err = 0;
        hermit_socklen_t len = sizeof err;
        cr_expect_eq(sys_getsockopt(n, HERMIT_SOL_SOCKET, HERMIT_SO_ERROR, &err, &len), 0);
        cr_expect_eq(err, ASTRA_ECONNREFUSED);
    }
}

static long elapsed_ms(struct timespec a, struct timespec b)
{
    return (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
}

Test(net, receive_timeout_set_in_hermits_timeval_expires_with_eagain)
{
    int s = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_DGRAM, 0);
    struct hermit_sockaddr_in a = v4_addr("127.0.0.1", 0);
    cr_assert_eq(sys_bind(s, SA(a), sizeof a), 0);
    struct hermit_timeval tv;
    memset(&tv, 0xff, sizeof tv); /* garbage in hermit's padding must not matter */
    tv.tv_sec = 0;
    tv.tv_usec = 200000;
    cr_assert_eq(sys_setsockopt(s, HERMIT_SOL_SOCKET, HERMIT_SO_RCVTIMEO, &tv, sizeof tv), 0);
    struct hermit_timeval got;
    memset(&got, 0x55, sizeof got);
    hermit_socklen_t len = sizeof got;
    cr_expect_eq(sys_getsockopt(s, HERMIT_SOL_SOCKET, HERMIT_SO_RCVTIMEO, &got, &len), 0);
    cr_expect_eq(got.tv_sec, 0);
    cr_expect_eq(got.tv_usec, 200000);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char c;
    cr_expect_eq(sys_recv(s, &c, 1, 0), -ASTRA_EAGAIN);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    cr_expect_geq(elapsed_ms(t0, t1), 190);
    cr_expect_lt(elapsed_ms(t0, t1), 2000);
    tv.tv_usec = 1000000;
    cr_expect_eq(sys_setsockopt(s, HERMIT_SOL_SOCKET, HERMIT_SO_SNDTIMEO, &tv, sizeof tv), -ASTRA_EINVAL);
    cr_expect_eq(sys_setsockopt(s, HERMIT_SOL_SOCKET, HERMIT_SO_SNDTIMEO, &tv, 8), -ASTRA_EINVAL);
    cr_expect_eq(sys_setsockopt(s, HERMIT_SOL_SOCKET, HERMIT_SO_SNDTIMEO, unmapped(), sizeof tv), -ASTRA_EFAULT);
}

static int get_int(int s, int level, int name)
{
    int v = -12345;
    hermit_socklen_t len = sizeof v;
    cr_assert_eq(sys_getsockopt(s, level, name, &v, &len), 0, "level %d name %d", level, name);
    return v;
}

Test(net, integer_and_linger_options_reach_linux)
{
    int t = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, 0), one = 1, ttl = 42;
    cr_expect_eq(sys_setsockopt(t, HERMIT_IPPROTO_TCP, HERMIT_TCP_NODELAY, &one, sizeof one), 0);
    cr_expect_neq(get_int(t, HERMIT_IPPROTO_TCP, HERMIT_TCP_NODELAY), 0);
    int v;
    socklen_t len = sizeof v;
    getsockopt(t, IPPROTO_TCP, 1 /* TCP_NODELAY */, &v, &len);
    cr_expect_neq(v, 0);
    cr_expect_eq(sys_setsockopt(t, HERMIT_SOL_SOCKET, HERMIT_SO_REUSEADDR, &one, sizeof one), 0);
    getsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, &len);
    cr_expect_eq(v, 1);
    cr_expect_eq(sys_setsockopt(t, HERMIT_SOL_SOCKET, HERMIT_SO_KEEPALIVE, &one, sizeof one), 0);
    cr_expect_eq(get_int(t, HERMIT_SOL_SOCKET, HERMIT_SO_KEEPALIVE), 1);
    cr_expect_eq(sys_setsockopt(t, HERMIT_IPPROTO_IP, HERMIT_IP_TTL, &ttl, sizeof ttl), 0);
    cr_expect_eq(get_int(t, HERMIT_IPPROTO_IP, HERMIT_IP_TTL), 42);
    int tos = 0x10;
    cr_expect_eq(sys_setsockopt(t, HERMIT_IPPROTO_IP, HERMIT_IP_TOS, &tos, sizeof tos), 0);
    cr_expect_eq(get_int(t, HERMIT_IPPROTO_IP, HERMIT_IP_TOS), 0x10);
    int buf = 65536;
    cr_expect_eq(sys_setsockopt(t, HERMIT_SOL_SOCKET, HERMIT_SO_SNDBUF, &buf, sizeof buf), 0);
    getsockopt(t, SOL_SOCKET, SO_SNDBUF, &v, &len);
    cr_expect_eq(get_int(t, HERMIT_SOL_SOCKET, HERMIT_SO_SNDBUF), v);
    cr_expect_eq(sys_setsockopt(t, HERMIT_SOL_SOCKET, HERMIT_SO_RCVBUF, &buf, sizeof buf), 0);
    getsockopt(t, SOL_SOCKET, SO_RCVBUF, &v, &len);
    cr_expect_eq(get_int(t, HERMIT_SOL_SOCKET, HERMIT_SO_RCVBUF), v);
    struct hermit_linger lg = { 1, 5 }, lgot = { 0, 0 };
    hermit_socklen_t llen = sizeof lgot;
    cr_expect_eq(sys_setsockopt(t, HERMIT_SOL_SOCKET, HERMIT_SO_LINGER, &lg, sizeof lg), 0);
    cr_expect_eq(sys_getsockopt(t, HERMIT_SOL_SOCKET, HERMIT_SO_LINGER, &lgot, &llen), 0);
    cr_expect(lgot.l_onoff == 1 && lgot.l_linger == 5);

    int u = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_DGRAM, 0), mttl = 7, zero = 0;
    cr_expect_eq(sys_setsockopt(u, HERMIT_SOL_SOCKET, HERMIT_SO_BROADCAST, &one, sizeof one), 0);
    cr_expect_eq(get_int(u, HERMIT_SOL_SOCKET, HERMIT_SO_BROADCAST), 1);
    cr_expect_eq(sys_setsockopt(u, HERMIT_IPPROTO_IP, HERMIT_IP_MULTICAST_TTL, &mttl, sizeof mttl), 0);
    cr_expect_eq(get_int(u, HERMIT_IPPROTO_IP, HERMIT_IP_MULTICAST_TTL), 7);
    cr_expect_eq(sys_setsockopt(u, HERMIT_IPPROTO_IP, HERMIT_IP_MULTICAST_LOOP, &zero, sizeof zero), 0);
    cr_expect_eq(get_int(u, HERMIT_IPPROTO_IP, HERMIT_IP_MULTICAST_LOOP), 0);

    int u6 = sys_socket(HERMIT_AF_INET6, HERMIT_SOCK_DGRAM, 0);
    cr_expect_eq(sys_setsockopt(u6, HERMIT_IPPROTO_IPV6, HERMIT_IPV6_V6ONLY, &one, sizeof one), 0);
    cr_expect_eq(get_int(u6, HERMIT_IPPROTO_IPV6, HERMIT_IPV6_V6ONLY), 1);
    cr_expect_eq(sys_setsockopt(u6, HERMIT_IPPROTO_IPV6, HERMIT_IPV6_MULTICAST_LOOP, &zero, sizeof zero), 0);
    cr_expect_eq(get_int(u6, HERMIT_IPPROTO_IPV6, HERMIT_IPV6_MULTICAST_LOOP), 0);
}

Test(net, bad_sockets_options_and_pointers_give_errors)
{
    int t = sys_socket(HERMIT_AF_INET, HERMIT_SOCK_STREAM, 0), one = 1;
    hermit_socklen_t len = 4;
    cr_expect_eq(sys_setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), -ASTRA_ENOPROTOOPT);
    cr_expect_eq(sys_getsockopt(t, HERMIT_SOL_SOCKET, 0x4444, &one, &len), -ASTRA_ENOPROTOOPT);
    cr_expect_eq(sys_setsockopt(-1, HERMIT_SOL_SOCKET, HERMIT_SO_REUSEADDR, &one, sizeof one), -ASTRA_EBADF);
    cr_expect_eq(sys_setsockopt(t, HERMIT_SOL_SOCKET, HERMIT_SO_REUSEADDR, NULL, sizeof one), -ASTRA_EFAULT);
    cr_expect_eq(sys_getsockopt(t, HERMIT_SOL_SOCKET, HERMIT_SO_REUSEADDR, NULL, &len), -ASTRA_EFAULT);
    cr_expect_eq(sys_getsockopt(t, HERMIT_SOL_SOCKET, HERMIT_SO_REUSEADDR, &one, unmapped()), -ASTRA_EFAULT);
    struct hermit_sockaddr_in a = v4_addr("127.0.0.1", 0);
    cr_expect_eq(sys_bind(t, NULL, sizeof a), -ASTRA_EFAULT);
    cr_expect_eq(sys_bind(t, unmapped(), sizeof a), -ASTRA_EFAULT);
    cr_expect_eq(sys_bind(t, SA(a), sizeof a - 1), -ASTRA_EINVAL);
    cr_expect_eq(sys_bind(-1, SA(a), sizeof a), -ASTRA_EBADF);
    cr_expect_eq(sys_connect(t, unmapped(), sizeof a), -ASTRA_EFAULT);
    a.sin_family = 9;
    cr_expect_eq(sys_connect(t, SA(a), sizeof a), -ASTRA_EAFNOSUPPORT);
    cr_expect_eq(sys_accept(t, NULL, NULL), -ASTRA_EINVAL); /* not listening */
    uint16_t port;
    int l = listener(&port);
    struct hermit_sockaddr_in peer;
    cr_expect_eq(sys_accept(l, SA(peer), NULL), -ASTRA_EFAULT);
    cr_expect_eq(sys_accept(l, SA(peer), unmapped()), -ASTRA_EFAULT);
    cr_expect_eq(sys_accept(-1, NULL, NULL), -ASTRA_EBADF);
    cr_expect_eq(sys_getsockname(l, NULL, &len), -ASTRA_EFAULT);
    cr_expect_eq(sys_getsockname(l, SA(peer), NULL), -ASTRA_EFAULT);
    cr_expect_eq(sys_getpeername(l, SA(peer), &len), -ASTRA_ENOTCONN);
    char b;
    cr_expect_eq(sys_recv(t, &b, 1, 0), -ASTRA_ENOTCONN);
    cr_expect_eq(sys_shutdown(t, 7), -ASTRA_EINVAL);
    cr_expect_eq(sys_shutdown(t, HERMIT_SHUT_RDWR), -ASTRA_ENOTCONN);
    cr_expect_eq(sys_shutdown_socket(-1, HERMIT_SHUT_RD), -ASTRA_EBADF);
    cr_expect_eq(sys_listen(-1, 1), -ASTRA_EBADF);
    cr_expect_eq(sys_send(-1, &b, 1, 0), -ASTRA_EBADF);
    cr_expect_eq(sys_recvfrom(l, &b, 1, 0, SA(peer), unmapped()), -ASTRA_EFAULT);
}

/* ---- the resolver ---- */

Test(resolver, numeric_ipv4_parses_exactly_like_inet_aton)
{
    const char *cases[] = { "127.0.0.1", "127.1", "1.2.3", "0x7f.1", "0177.0.0.1", "4294967295", "4294967296",
                            "0", "0x", "08", "1.2.3.4.5", "1..2", "256.1.1.1", "1.2.3.256", "1.2.65535",
                            "1.2.65536", "1.16777215", "1.16777216", "", ".1", "1.", "1.2.3.", " 1.2.3.4",
                            "1.2.3.4 ", "0x100.1", "0xffffffff", "00000000001", "1.2.3.4x", "abc", "09.1" };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct in_addr g;
        uint8_t ours[4];
        int expected = inet_aton(cases[i], &g);
        /* inet_aton accepts trailing garbage after whitespace; getaddrinfo does not. */
        if (strchr(cases[i], ' '))
            expected = 0;
        cr_expect_eq(astra_parse_ipv4(cases[i], ours), expected, "\"%s\"", cases[i]);
        if (expected)
            cr_expect_eq(memcmp(ours, &g, 4), 0, "\"%s\"", cases[i]);
    }
}

Test(resolver, numeric_ipv6_parses_exactly_like_inet_pton)
{
    const char *cases[] = { "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
                            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "1::2::3", ":1", "1:", ":::",
                            "12345::", "fFfF::AbCd", "::ffff:1.2.3.4", "::1.2.3.4", "1.2.3.4",
                            "::ffff:1.2.3", "::ffff:1.2.3.4.5", "::ffff:01.2.3.4", "::ffff:256.2.3.4",
                            "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "2001:db8::8a2e:370:7334",
                            "", "g::", "1:2:3:4:5:6:7", "::1.2.3.4:5", "0:0:0:0:0:0:0:0" };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char g[16], ours[16];
        uint32_t scope;
        int expected = inet_pton(AF_INET6, cases[i], g);
        cr_expect_eq(astra_parse_ipv6(cases[i], ours, &scope), expected, "\"%s\"", cases[i]);
        if (expected)
            cr_expect_eq(memcmp(ours, g, 16), 0, "\"%s\"", cases[i]);
    }
    unsigned char out[16];
    uint32_t scope;
    cr_expect(astra_parse_ipv6("fe80::1%7", out, &scope) && scope == 7);
    cr_expect(!astra_parse_ipv6("fe80::1%", out, &scope));
    cr_expect(!astra_parse_ipv6("fe80::1%eth0", out, &scope));
    cr_expect(!astra_parse_ipv6("fe80::1%99999999999", out, &scope));
}

static char fixture[64];

static const char *write_fixture(const char *text)
{
    strcpy(fixture, "/tmp/astra-resolver-XXXXXX");
    int fd = mkstemp(fixture);
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return fixture;
}

static void names(const struct astra_host_addr *a, int n, char *out)
{
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        char b[64];
        inet_ntop(a[i].family == ASTRA_AF_INET ? AF_INET : AF_INET6, a[i].bytes, b, sizeof b);
        strcat(out, b);
        strcat(out, i + 1 < n ? " " : "");
    }
}

Test(resolver, hosts_file_lookup_handles_aliases_case_comments_and_odd_lines)
{
    char longline[6000];
    memset(longline, 'x', sizeof longline);
    longline[sizeof longline - 1] = 0;
    char text[8000];
    snprintf(text, sizeof text,
             "# comment line\n"
             "127.0.0.1\tlocalhost\n"
             "::1 localhost ip6-localhost ip6-loopback\n"
             "\n"
             "10.0.0.5   Server.Example server # trailing comment\n"
             "%s 10.9.9.9 server\n"
             "not-an-address broken\n"
             "10.0.0.6 server\n"
             "fe80::1%%3 linklocal\n"
             "192.0.2.1 lastline-without-newline",
             longline);
    const char *path = write_fixture(text);
    struct astra_host_addr a[8];
    char canon[256], s[512];
    int n = astra_hosts_lookup(path, "SERVER", ASTRA_AF_UNSPEC, a, 8, canon, sizeof canon);
    names(a, n, s);
    cr_expect_str_eq(s, "10.0.0.5 10.0.0.6");
    cr_expect_str_eq(canon, "Server.Example");
    n = astra_hosts_lookup(path, "localhost", ASTRA_AF_UNSPEC, a, 8, canon, sizeof canon);
    names(a, n, s);
    cr_expect_str_eq(s, "127.0.0.1 ::1");
    n = astra_hosts_lookup(path, "localhost", ASTRA_AF_INET6, a, 8, NULL, 0);
    names(a, n, s);
    cr_expect_str_eq(s, "::1");
    n = astra_hosts_lookup(path, "ip6-loopback", ASTRA_AF_INET, a, 8, NULL, 0);
    cr_expect_eq(n, 0);
    n = astra_hosts_lookup(path, "linklocal", ASTRA_AF_UNSPEC, a, 8, NULL, 0);
    cr_expect(n == 1 && a[0].scope_id == 3);
    n = astra_hosts_lookup(path, "lastline-without-newline", ASTRA_AF_UNSPEC, a, 8, NULL, 0);
    names(a, n, s);
    cr_expect_str_eq(s, "192.0.2.1");
    cr_expect_eq(astra_hosts_lookup(path, "broken", ASTRA_AF_UNSPEC, a, 8, NULL, 0), 0);
    cr_expect_eq(astra_hosts_lookup(path, "server", ASTRA_AF_UNSPEC, a, 1, NULL, 0), 1);
    cr_expect_eq(astra_hosts_lookup("/nonexistent/hosts", "x", ASTRA_AF_UNSPEC, a, 8, NULL, 0), -ASTRA_ENOENT);
    unlink(path);
}

Test(resolver, services_file_lookup_matches_names_aliases_and_protocols)
{
    const char *path = write_fixture("# services\nhttp 80/tcp www # web\nntp 123/udp\n"
                                     "domain 53/tcp\ndomain 53/udp\nbad 99999/tcp\nnoport tcp\n");
    cr_expect_eq(astra_services_lookup(path, "http", "tcp"), 80);
    cr_expect_eq(astra_services_lookup(path, "WWW", "tcp"), 80);
    cr_expect_eq(astra_services_lookup(path, "http", "udp"), -1);
    cr_expect_eq(astra_services_lookup(path, "ntp", "udp"), 123);
    cr_expect_eq(astra_services_lookup(path, "domain", "udp"), 53);
    cr_expect_eq(astra_services_lookup(path, "bad", "tcp"), -1);
    cr_expect_eq(astra_services_lookup(path, "noport", "tcp"), -1);
    cr_expect_eq(astra_services_lookup("/nonexistent", "http", "tcp"), -1);
    unlink(path);
}

/* glibc's values for hermit's flags, families, types and error codes. */
static int glibc_flags(int h)
{
    int g = 0;
    g |= h & HERMIT_AI_PASSIVE ? AI_PASSIVE : 0;
    g |= h & HERMIT_AI_CANONNAME ? AI_CANONNAME : 0;
    g |= h & HERMIT_AI_NUMERICHOST ? AI_NUMERICHOST : 0;
    g |= h & HERMIT_AI_NUMERICSERV ? AI_NUMERICSERV : 0;
    g |= h & HERMIT_AI_ALL ? AI_ALL : 0;
    g |= h & HERMIT_AI_V4MAPPED ? AI_V4MAPPED : 0;
    return g;
}

static int hermit_eai(int g)
{
    switch (g) {
    case 0: return 0;
    case EAI_NONAME: return HERMIT_EAI_NONAME;
    case EAI_ADDRFAMILY: return HERMIT_EAI_NONAME; /* hermit has no EAI_ADDRFAMILY */
    case EAI_SERVICE: return HERMIT_EAI_SERVICE;
    case EAI_FAMILY: return HERMIT_EAI_FAMILY;
    case EAI_SOCKTYPE: return HERMIT_EAI_SOCKTYPE;
    case EAI_BADFLAGS: return HERMIT_EAI_BADFLAGS;
    default: return 1000 + g;
    }
}

/* One result per line: family type protocol address port [canonname]. */
static void describe_hermit(const struct hermit_addrinfo *ai, char *out)
{
    out[0] = 0;
    for (; ai; ai = ai->ai_next) {
        char b[64], line[160];
        int v4 = ai->ai_family == HERMIT_AF_INET;
        const struct hermit_sockaddr_in *in = (const void *)ai->ai_addr;
        const struct hermit_sockaddr_in6 *in6 = (const void *)ai->ai_addr;
        inet_ntop(v4 ? AF_INET : AF_INET6, v4 ? (const void *)&in->sin_addr : (const void *)&in6->sin6_addr, b, sizeof b);
        cr_expect_eq(ai->ai_addrlen, v4 ? 16u : 28u);
        cr_expect_eq(ai->ai_addr->sa_family, ai->ai_family);
        cr_expect_eq(ai->ai_addr->sa_len, ai->ai_addrlen);
        snprintf(line, sizeof line, "%s %d %d %s %d %s\n", v4 ? "inet" : "inet6", ai->ai_socktype,
                 ai->ai_protocol, b, ntohs(in->sin_port), ai->ai_canonname ? ai->ai_canonname : "-");
        strcat(out, line);
    }
}

/* hermit-abi has no SOCK_RAW, so libastra leaves out glibc's raw-socket results. */
static void describe_glibc(const struct addrinfo *ai, char *out)
{
    out[0] = 0;
    for (; ai; ai = ai->ai_next) {
        if (ai->ai_socktype == SOCK_RAW)
            continue;
        char b[64], line[160];
        int v4 = ai->ai_family == AF_INET;
        const struct sockaddr_in *in = (const void *)ai->ai_addr;
        const struct sockaddr_in6 *in6 = (const void *)ai->ai_addr;
        inet_ntop(ai->ai_family, v4 ? (const void *)&in->sin_addr : (const void *)&in6->sin6_addr, b, sizeof b);
        snprintf(line, sizeof line, "%s %d %d %s %d %s\n", v4 ? "inet" : "inet6", ai->ai_socktype,
                 ai->ai_protocol, b, ntohs(in->sin_port), ai->ai_canonname ? ai->ai_canonname : "-");
        strcat(out, line);
    }
}

static int line_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Lines sorted, for results whose order glibc decides by RFC 6724 and routing. */
static void sort_lines(char *s)
{
    char copy[8192], *lines[128];
    int n = 0;
    strcpy(copy, s);
    for (char *l = strtok(copy, "\n"); l && n < 128; l = strtok(NULL, "\n"))
        lines[n++] = l;
    qsort(lines, (size_t)n, sizeof lines[0], line_cmp);
    s[0] = 0;
    for (int i = 0; i < n; i++) {
        strcat(s, lines[i]);
        strcat(s, "\n");
    }
}

struct gai_case {
    const char *node, *serv;
    int flags, family, socktype, protocol, sorted;
};

static void compare_with_glibc(const struct gai_case *c)
{
    struct hermit_addrinfo hints = { .ai_flags = c->flags, .ai_family = c->family,
                                     .ai_socktype = c->socktype, .ai_protocol = c->protocol };
    struct addrinfo ghints = { .ai_flags = glibc_flags(c->flags),
                               .ai_family = c->family == HERMIT_AF_INET ? AF_INET
                                            : c->family == HERMIT_AF_INET6 ? AF_INET6 : AF_UNSPEC,
                               .ai_socktype = c->socktype, .ai_protocol = c->protocol };
    struct hermit_addrinfo *res = NULL;
    struct addrinfo *gres = NULL;
    int ours = sys_getaddrinfo(c->node, c->serv, &hints, &res);
    int theirs = hermit_eai(getaddrinfo(c->node, c->serv, &ghints, &gres));
    cr_expect_eq(ours, theirs, "%s/%s flags %#x family %d: ours %d, glibc %d", c->node ? c->node : "NULL",
                 c->serv ? c->serv : "NULL", c->flags, c->family, ours, theirs);
    if (ours || theirs)
        return;
    static char a[8192], b[8192];
    describe_hermit(res, a);
    describe_glibc(gres, b);
    if (c->sorted) {
        sort_lines(a);
        sort_lines(b);
    }
    cr_expect_str_eq(a, b, "%s/%s flags %#x family %d", c->node ? c->node : "NULL", c->serv ? c->serv : "NULL",
                     c->flags, c->family);
    sys_freeaddrinfo(res);
    freeaddrinfo(gres);
}

Test(resolver, getaddrinfo_answers_what_glibc_answers)
{
    const int S = HERMIT_SOCK_STREAM, D = HERMIT_SOCK_DGRAM, I4 = HERMIT_AF_INET, I6 = HERMIT_AF_INET6;
    const struct gai_case cases[] = {
        { "localhost", "80", 0, 0, S, 0, 1 },
        { "localhost", NULL, 0, I4, 0, 0, 0 },
        { "LocalHost", "80", HERMIT_AI_CANONNAME, I4, S, 0, 0 },
        { "127.0.0.1", "http", 0, 0, S, 0, 0 },
        { "127.0.0.1", "domain", 0, 0, 0, 0, 0 },
        { "127.0.0.1", "domain", 0, 0, 0, HERMIT_IPPROTO_UDP, 0 },
        { "127.0.0.1", "http", 0, 0, D, 0, 0 },
        { "127.0.0.1", "nosuchservice", 0, 0, S, 0, 0 },
        { "127.0.0.1", "http", HERMIT_AI_NUMERICSERV, 0, S, 0, 0 },
        { "127.0.0.1", "080", 0, 0, S, 0, 0 },
        { "127.0.0.1", "65535", 0, 0, S, 0, 0 },
        { "127.0.0.1", "-1", 0, 0, S, 0, 0 },
        { "127.0.0.1", "0x50", 0, 0, S, 0, 0 },
        { "127.0.0.1", "80", HERMIT_AI_CANONNAME, 0, S, 0, 0 },
        { "127.1", "9", 0, 0, S, 0, 0 },
        { "0x7f.1", "9", 0, 0, S, 0, 0 },
        { "1.2.3", "9", 0, 0, S, 0, 0 },
        { "4294967295", "9", 0, 0, S, 0, 0 },
        { "4294967296", "9", HERMIT_AI_NUMERICHOST, 0, S, 0, 0 },
        { "127.0.0.1.", "9", HERMIT_AI_NUMERICHOST, 0, S, 0, 0 },
        { "::1", "9", 0, 0, S, 0, 0 },
        { "::1", "9", 0, I4, S, 0, 0 },
        { "1.2.3.4", "9", 0, I6, S, 0, 0 },
        { "1.2.3.4", "9", HERMIT_AI_V4MAPPED, I6, S, 0, 0 },
        { "::ffff:1.2.3.4", "9", 0, 0, S, 0, 0 },
        { "fe80::1%1", "9", 0, 0, S, 0, 0 },
        { "2001:db8::1", "443", 0, I6, D, 0, 0 },
        { NULL, "80", 0, 0, S, 0, 0 },
        { NULL, "80", HERMIT_AI_PASSIVE, 0, S, 0, 0 },
        { NULL, "80", HERMIT_AI_PASSIVE, I6, S, 0, 0 },
        { NULL, "80", 0, I4, 0, 0, 0 },
        { NULL, NULL, 0, 0, 0, 0, 0 },
        { NULL, "80", HERMIT_AI_CANONNAME, 0, S, 0, 0 },
        { "localhost", "80", HERMIT_AI_NUMERICHOST, 0, S, 0, 0 },
        { "localhost", "80", 0, 0, 9, 0, 0 },
        { "localhost", "80", 0, 0, S, HERMIT_IPPROTO_UDP, 0 },
        { "localhost", "80", 0, 0, 0, 99, 0 },
        { "no-such-host.invalid", "80", HERMIT_AI_NUMERICHOST, 0, S, 0, 0 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++)
        compare_with_glibc(&cases[i]);
}

Test(resolver, every_name_in_etc_hosts_resolves_as_glibc_resolves_it)
{
    FILE *f = fopen("/etc/hosts", "r");
    cr_assert(f);
    char line[1024];
    int checked = 0;
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *save, *addr = strtok_r(line, " \t\n", &save);
        if (!addr)
            continue;
        for (char *name; (name = strtok_r(NULL, " \t\n", &save));) {
            const int families[] = { HERMIT_AF_UNSPEC, HERMIT_AF_INET, HERMIT_AF_INET6 };
            for (int i = 0; i < 3; i++) {
                struct gai_case c = { name, "7", HERMIT_AI_CANONNAME, families[i], HERMIT_SOCK_STREAM, 0, 1 };
                compare_with_glibc(&c);
                checked++;
            }
        }
    }
    fclose(f);
    cr_expect_gt(checked, 0);
}

Test(resolver, getaddrinfo_and_getaddrbyname_report_bad_input_without_crashing)
{
    struct hermit_addrinfo *res = NULL;
    struct hermit_addrinfo hints = { .ai_family = 77 };
    cr_expect_eq(sys_getaddrinfo("localhost", NULL, &hints, &res), HERMIT_EAI_FAMILY);
    hints = (struct hermit_addrinfo){ .ai_flags = 0x10 };
    cr_expect_eq(sys_getaddrinfo("localhost", NULL, &hints, &res), HERMIT_EAI_BADFLAGS);
    cr_expect_eq(sys_getaddrinfo("localhost", NULL, unmapped(), &res), HERMIT_EAI_SYSTEM);
    cr_expect_eq(sys_get_errno(), ASTRA_EFAULT);
    cr_expect_eq(sys_getaddrinfo(unmapped(), NULL, NULL, &res), HERMIT_EAI_SYSTEM);
    cr_expect_eq(sys_getaddrinfo("localhost", unmapped(), NULL, &res), HERMIT_EAI_SYSTEM);
    cr_expect_eq(sys_getaddrinfo("localhost", "80", NULL, NULL), HERMIT_EAI_SYSTEM);
    cr_expect_eq(sys_getaddrinfo("localhost", "80", NULL, unmapped()), HERMIT_EAI_SYSTEM);
    static char huge[3000];
    memset(huge, 'a', sizeof huge - 1);
    cr_expect_eq(sys_getaddrinfo(huge, NULL, NULL, &res), HERMIT_EAI_NONAME);
    cr_expect_eq(sys_getaddrinfo("localhost", huge, NULL, &res), HERMIT_EAI_SERVICE);
    /* Not made by getaddrinfo: ignored, not freed, no crash. */
    struct hermit_addrinfo fake = { 0 };
    sys_freeaddrinfo(&fake);
    sys_freeaddrinfo(unmapped());
    sys_freeaddrinfo(NULL);

    uint8_t in4[4], in6[16];
    cr_expect_eq(sys_getaddrbyname("localhost", in4, 4), 0);
    cr_expect_eq(memcmp(in4, "\x7f\0\0\1", 4), 0);
    cr_expect_eq(sys_getaddrbyname("127.0.0.2", in4, 4), 0);
    cr_expect_eq(in4[3], 2);
    cr_expect_eq(sys_getaddrbyname("::1", in6, 16), 0);
    cr_expect_eq(memcmp(in6, &in6addr_loopback, 16), 0);
    cr_expect_eq(sys_getaddrbyname("localhost", in4, 5), -ASTRA_EINVAL);
    cr_expect_eq(sys_getaddrbyname("no-such-host.invalid", in4, 4), -ASTRA_ENOENT);
    cr_expect_eq(sys_getaddrbyname(NULL, in4, 4), -ASTRA_EFAULT);
    cr_expect_eq(sys_getaddrbyname(unmapped(), in4, 4), -ASTRA_EFAULT);
    cr_expect_eq(sys_getaddrbyname("localhost", unmapped(), 4), -ASTRA_EFAULT);
}

Test(resolver, a_std_style_lookup_connects_to_a_local_listener)
{
    uint16_t port;
    int l = listener(&port);
    struct hermit_addrinfo hints = { .ai_socktype = HERMIT_SOCK_STREAM }, *res = NULL;
    cr_assert_eq(sys_getaddrinfo("localhost", NULL, &hints, &res), 0);
    int connected = 0;
    for (struct hermit_addrinfo *ai = res; ai && !connected; ai = ai->ai_next) {
        if (ai->ai_family != HERMIT_AF_INET)
            continue;
        ((struct hermit_sockaddr_in *)ai->ai_addr)->sin_port = htons(port);
        int c = sys_socket(ai->ai_family, ai->ai_socktype, 0);
        connected = sys_connect(c, ai->ai_addr, ai->ai_addrlen) == 0;
    }
    sys_freeaddrinfo(res);
    cr_expect(connected);
    cr_expect_geq(sys_accept(l, NULL, NULL), 0);
}
