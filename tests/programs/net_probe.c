/* Socket calls straight to the kernel, printing every result, to compare Astra with Linux:
 * loopback TCP and UDP, and the errors for bad input. Prints nothing machine-specific
 * (ephemeral ports are not printed). */
#include <stdio.h>
#include <string.h>

#include <astra/abi.h>

#include "../../libastra/internal/syscall.h"
#include "probe.h"

#define SC(n, ...) astra_syscall6(ASTRA_NR_##n, __VA_ARGS__)
#define SHOW(what, expr) printf("%-44s %s\n", what, probe_result(expr))
#define OK(expr) ((expr) >= 0 ? 0 : (expr))

static struct astra_sockaddr_in addr4(uint32_t host_order_ip, uint16_t port)
{
    struct astra_sockaddr_in a = { ASTRA_AF_INET, (uint16_t)((port >> 8) | (port << 8)), { 0 }, { 0 } };
    a.sin_addr.s_addr = ((host_order_ip >> 24) & 0xff) | ((host_order_ip >> 8) & 0xff00) |
                        ((host_order_ip << 8) & 0xff0000) | (host_order_ip << 24);
    return a;
}

static uint16_t port_of(long fd)
{
    struct astra_sockaddr_in a;
    unsigned len = sizeof a;
    SC(getsockname, fd, (long)&a, (long)&len, 0, 0, 0);
    return (uint16_t)((a.sin_port >> 8) | (a.sin_port << 8));
}

int main(void)
{
    char buf[256];
    int one = 1, zero = 0;
    unsigned len;
    struct astra_sockaddr_in any = addr4(0, 0), loop = addr4(0x7f000001, 0), a;

    SHOW("socket bad family", SC(socket, 99, ASTRA_SOCK_STREAM, 0, 0, 0, 0));
    SHOW("socket bad type", SC(socket, ASTRA_AF_INET, 99, 0, 0, 0, 0));
    SHOW("socket bad protocol", SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, ASTRA_IPPROTO_UDP, 0, 0, 0));
    SHOW("bind on a file", SC(bind, 1, (long)&any, sizeof any, 0, 0, 0));
    SHOW("bind on a bad fd", SC(bind, 999, (long)&any, sizeof any, 0, 0, 0));

    long l = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0);
    SHOW("stream socket", OK(l));
    SHOW("bind short address", SC(bind, l, (long)&loop, 4, 0, 0, 0));
    struct astra_sockaddr_in6 six = { ASTRA_AF_INET6, 0, 0, { { 0 } }, 0 };
    SHOW("bind an IPv6 address to IPv4", SC(bind, l, (long)&six, sizeof six, 0, 0, 0));
    struct astra_sockaddr_in far = addr4(0x0a000001, 0);
    SHOW("bind 10.0.0.1 (not ours)", SC(bind, l, (long)&far, sizeof far, 0, 0, 0));
    SHOW("bind unmapped address", SC(bind, l, 16, sizeof loop, 0, 0, 0));
    SHOW("bind 127.0.0.1:0", SC(bind, l, (long)&loop, sizeof loop, 0, 0, 0));
    SHOW("bind again", SC(bind, l, (long)&loop, sizeof loop, 0, 0, 0));
    SHOW("getpeername unconnected", SC(getpeername, l, (long)&a, (long)&len, 0, 0, 0));
    SHOW("accept before listen", SC(accept, l, 0, 0, 0, 0, 0));
    SHOW("listen", SC(listen, l, 8, 0, 0, 0, 0));
    struct astra_sockaddr_in target = addr4(0x7f000001, port_of(l));
    long l2 = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0);
    SHOW("bind the same port", SC(bind, l2, (long)&target, sizeof target, 0, 0, 0));
    SHOW("setsockopt SO_REUSEADDR", SC(setsockopt, l2, ASTRA_SOL_SOCKET, ASTRA_SO_REUSEADDR, (long)&one, sizeof one, 0));
    SHOW("bind it with SO_REUSEADDR (listening)", SC(bind, l2, (long)&target, sizeof target, 0, 0, 0));

    long c = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0);
    SHOW("send before connect", SC(sendto, c, (long)"x", 1, ASTRA_MSG_NOSIGNAL, 0, 0));
    SHOW("recv before connect", SC(recvfrom, c, (long)buf, 1, 0, 0, 0));
    long sh = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0);
    SHOW("shutdown before connect", SC(shutdown, sh, ASTRA_SHUT_WR, 0, 0, 0, 0));
    SHOW("connect after that shutdown", SC(connect, sh, (long)&target, sizeof target, 0, 0, 0));
    SHOW("send: the shutdown was kept", SC(sendto, sh, (long)"x", 1, ASTRA_MSG_NOSIGNAL, 0, 0));
    SHOW("accept it", OK(SC(accept, l, 0, 0, 0, 0, 0)));
    SHOW("connect", SC(connect, c, (long)&target, sizeof target, 0, 0, 0));
    SHOW("connect again", SC(connect, c, (long)&target, sizeof target, 0, 0, 0));
    len = sizeof a;
    long s = SC(accept, l, (long)&a, (long)&len, 0, 0, 0);
    SHOW("accept", OK(s));
    printf("%-44s %u %s\n", "  peer address", len, a.sin_addr.s_addr == target.sin_addr.s_addr ? "127.0.0.1" : "?");
    SHOW("send 5", SC(sendto, c, (long)"hello", 5, 0, 0, 0));
    SHOW("recv with MSG_PEEK", SC(recvfrom, s, (long)buf, sizeof buf, ASTRA_MSG_PEEK, 0, 0));
    SHOW("recv", SC(recvfrom, s, (long)buf, sizeof buf, 0, 0, 0));
    printf("%-44s %.5s\n", "  data", buf);
    SHOW("recv nothing, MSG_DONTWAIT", SC(recvfrom, s, (long)buf, sizeof buf, ASTRA_MSG_DONTWAIT, 0, 0));
    SHOW("recv into an unmapped buffer", SC(recvfrom, s, 16, 10, ASTRA_MSG_DONTWAIT, 0, 0));
    SHOW("write through write()", SC(write, s, (long)"back", 4, 0, 0, 0));
    SHOW("read through read()", SC(read, c, (long)buf, sizeof buf, 0, 0, 0));
    SHOW("lseek on a socket", SC(lseek, c, 0, ASTRA_SEEK_SET, 0, 0, 0));
    SHOW("setsockopt TCP_NODELAY", SC(setsockopt, c, ASTRA_IPPROTO_TCP, ASTRA_TCP_NODELAY, (long)&one, sizeof one, 0));
    int v = -1;
    len = sizeof v;
    SHOW("getsockopt TCP_NODELAY", SC(getsockopt, c, ASTRA_IPPROTO_TCP, ASTRA_TCP_NODELAY, (long)&v, (long)&len, 0));
    printf("%-44s %d (len %u)\n", "  value", v, len);
    int ttl = 300;
    SHOW("setsockopt IP_TTL 300", SC(setsockopt, c, ASTRA_IPPROTO_IP, ASTRA_IP_TTL, (long)&ttl, sizeof ttl, 0));
    SHOW("setsockopt short option", SC(setsockopt, c, ASTRA_SOL_SOCKET, ASTRA_SO_KEEPALIVE, (long)&one, 2, 0));
    SHOW("setsockopt unknown option", SC(setsockopt, c, ASTRA_SOL_SOCKET, 9999, (long)&one, sizeof one, 0));
    struct astra_timeval bad = { 1, 2000000 };
    SHOW("SO_RCVTIMEO with 2,000,000 us", SC(setsockopt, c, ASTRA_SOL_SOCKET, ASTRA_SO_RCVTIMEO, (long)&bad, sizeof bad, 0));
    SHOW("getsockopt SO_ERROR", SC(getsockopt, c, ASTRA_SOL_SOCKET, ASTRA_SO_ERROR, (long)&v, (long)&len, 0));
    SHOW("shutdown bad how", SC(shutdown, c, 7, 0, 0, 0, 0));
    SHOW("shutdown SHUT_WR", SC(shutdown, c, ASTRA_SHUT_WR, 0, 0, 0, 0));
    SHOW("server reads end of stream", SC(recvfrom, s, (long)buf, sizeof buf, 0, 0, 0));
    SHOW("send after SHUT_WR", SC(sendto, c, (long)"x", 1, ASTRA_MSG_NOSIGNAL, 0, 0));
    SHOW("close the server side", SC(close, s, 0, 0, 0, 0, 0));
    SHOW("client reads end of stream", SC(recvfrom, c, (long)buf, sizeof buf, 0, 0, 0));

    long n = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM | ASTRA_SOCK_NONBLOCK, 0, 0, 0, 0);
    SHOW("make the listener non-blocking", SC(fcntl, l, ASTRA_F_SETFL, ASTRA_O_NONBLOCK, 0, 0, 0));
    SHOW("accept, nobody waiting", SC(accept4, l, 0, 0, ASTRA_SOCK_NONBLOCK, 0, 0));
    SHOW("non-blocking connect", SC(connect, n, (long)&target, sizeof target, 0, 0, 0));
    struct astra_pollfd p = { (int)n, ASTRA_POLLOUT, 0 };
    SHOW("poll for the connection", SC(poll, (long)&p, 1, 1000, 0, 0, 0));
    printf("%-44s %s\n", "  writable", p.revents & ASTRA_POLLOUT ? "yes" : "no");
    SHOW("SO_ERROR after connecting", SC(getsockopt, n, ASTRA_SOL_SOCKET, ASTRA_SO_ERROR, (long)&v, (long)&len, 0));
    printf("%-44s %d\n", "  value", v);
    SHOW("accept the non-blocking client", OK(SC(accept4, l, 0, 0, ASTRA_SOCK_NONBLOCK, 0, 0)));
    SHOW("close the listener", SC(close, l, 0, 0, 0, 0, 0));
    long r = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0);
    SHOW("connect to a closed port", SC(connect, r, (long)&target, sizeof target, 0, 0, 0));

    long u1 = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_DGRAM, 0, 0, 0, 0), u2 = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_DGRAM, 0, 0, 0, 0);
    SHOW("udp bind", SC(bind, u1, (long)&loop, sizeof loop, 0, 0, 0));
    struct astra_sockaddr_in u1addr = addr4(0x7f000001, port_of(u1));
    SHOW("udp send without address", SC(sendto, u2, (long)"x", 1, 0, 0, 0));
    SHOW("udp sendto", SC(sendto, u2, (long)"datagram", 8, 0, (long)&u1addr, sizeof u1addr));
    SHOW("udp sendto again", SC(sendto, u2, (long)"second", 6, 0, (long)&u1addr, sizeof u1addr));
    len = sizeof a;
    SHOW("udp recvfrom 4 bytes (truncates)", SC(recvfrom, u1, (long)buf, 4, 0, (long)&a, (long)&len));
    printf("%-44s %.4s from port %s\n", "  data", buf, (uint16_t)(a.sin_port >> 8 | a.sin_port << 8) == port_of(u2) ? "of u2" : "?");
    SHOW("udp recv the second whole", SC(recvfrom, u1, (long)buf, sizeof buf, 0, 0, 0));
    SHOW("udp recv, nothing left", SC(recvfrom, u1, (long)buf, sizeof buf, ASTRA_MSG_DONTWAIT, 0, 0));
    SHOW("udp connect", SC(connect, u2, (long)&u1addr, sizeof u1addr, 0, 0, 0));
    SHOW("udp send when connected", SC(sendto, u2, (long)"third", 5, 0, 0, 0));
    SHOW("udp read()", SC(read, u1, (long)buf, sizeof buf, 0, 0, 0));
    SHOW("listen on udp", SC(listen, u1, 1, 0, 0, 0, 0));
    /* A connected datagram socket takes only its peer's datagrams. */
    long u3 = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_DGRAM, 0, 0, 0, 0);
    struct astra_sockaddr_in u2addr = addr4(0x7f000001, port_of(u2)), unspec = { ASTRA_AF_UNSPEC, 0, { 0 }, { 0 } };
    SHOW("udp connect u1 to u2", SC(connect, u1, (long)&u2addr, sizeof u2addr, 0, 0, 0));
    SHOW("udp sendto u1 from a stranger", SC(sendto, u3, (long)"stranger", 8, 0, (long)&u1addr, sizeof u1addr));
    SHOW("udp sendto u1 from u2", SC(sendto, u2, (long)"peer", 4, 0, (long)&u1addr, sizeof u1addr));
    SHOW("udp connected recv: the peer's only", SC(recvfrom, u1, (long)buf, sizeof buf, 0, 0, 0));
    printf("%-44s %.4s\n", "  data", buf);
    SHOW("udp connected recv, nothing left", SC(recvfrom, u1, (long)buf, sizeof buf, ASTRA_MSG_DONTWAIT, 0, 0));
    SHOW("udp disconnect (AF_UNSPEC)", SC(connect, u1, (long)&unspec, sizeof unspec, 0, 0, 0));
    (void)zero;
    return 0;
}
