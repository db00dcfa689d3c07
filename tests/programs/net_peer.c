/* The guest side of the network tests (tests/net_virtio_test.py), by raw system calls:
 *   tcp-sink PORT            accepts one connection, reads to its end, answers "BYTES HASH"
 *   tcp-source IP PORT BYTES connects, sends BYTES pseudo-random bytes, half-closes, checks
 *                            the peer's "BYTES HASH" answer against its own
 *   echo PORT CONNS          echoes every connection (all at once, by poll) until CONNS ended
 *   udp-echo PORT COUNT      sends COUNT datagrams back where they came from (0: until one
 *                            says "quit")
 *   udp-echo-connected PORT COUNT
 *                            the same, connected to the first datagram's sender
 *   connect IP PORT          prints how a connection attempt ends
 *   timeouts IP PORT         connect and read timeouts (IP:PORT accepts and stays silent)
 *   send-exit PORT close|exit
 *                            accepts one connection, writes pseudo-random bytes until the
 *                            peer takes no more for 500 ms (its buffers and ours are full),
 *                            prints "sent BYTES HASH" and ends at once (after close, or
 *                            leaving the socket to the exit)
 *   half-close IP PORT       two connections that end one side at a time, printing each
 *                            call's result (tests/net_virtio_test.py's half-close peer)
 *   half-close-local         the same against a peer in a child process, over loopback
 *   reset IP PORT            three connections that the peer resets, printing each call's
 *                            result (the reset peer)
 * HASH is the CRC-32 (zlib's) in hex. It prints "listening" once its socket listens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <astra/abi.h>

#include "../../libastra/internal/syscall.h"
#include "probe.h"

#define SC(n, ...) astra_syscall6(ASTRA_NR_##n, __VA_ARGS__)
#define MAX_CONNS 256

/* CRC-32 as zlib computes it (the host side uses zlib.crc32). */
static uint64_t crc32(uint64_t crc, const unsigned char *p, long n)
{
    static uint32_t table[256];
    if (!table[1])
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    uint32_t c = ~(uint32_t)crc;
    for (long i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return ~c;
}
#define CRC_START 0

static struct astra_sockaddr_in address(const char *ip, int port)
{
    struct astra_sockaddr_in a = { ASTRA_AF_INET, (uint16_t)(((port & 0xff) << 8) | (port >> 8)), { 0 }, { 0 } };
    unsigned b[4] = { 0 };
    if (ip)
        sscanf(ip, "%u.%u.%u.%u", &b[0], &b[1], &b[2], &b[3]);
    a.sin_addr.s_addr = b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24;
    return a;
}

static void fail(const char *what, long r)
{
    printf("%s: %s\n", what, probe_result(r));
    exit(1);
}

static long listen_on(int port, int type)
{
    long fd = SC(socket, ASTRA_AF_INET, type, 0, 0, 0, 0);
    int one = 1;
    struct astra_sockaddr_in a = address(0, port);
    long r;
    if (fd < 0)
        fail("socket", fd);
    SC(setsockopt, fd, ASTRA_SOL_SOCKET, ASTRA_SO_REUSEADDR, (long)&one, sizeof one, 0);
    if ((r = SC(bind, fd, (long)&a, sizeof a, 0, 0, 0)) < 0)
        fail("bind", r);
    if (type == ASTRA_SOCK_STREAM && (r = SC(listen, fd, 128, 0, 0, 0, 0)) < 0)
        fail("listen", r);
    printf("listening\n");
    fflush(stdout);
    return fd;
}

static long write_all(long fd, const unsigned char *p, long n)
{
    for (long done = 0; done < n;) {
        long w = SC(write, fd, (long)(p + done), n - done, 0, 0, 0);
        if (w <= 0)
            return w;
        done += w;
    }
    return n;
}

static int tcp_sink(int port)
{
    static unsigned char buf[65536];
    long l = listen_on(port, ASTRA_SOCK_STREAM), c = SC(accept, l, 0, 0, 0, 0, 0), n;
    if (c < 0)
        fail("accept", c);
    uint64_t h = CRC_START, total = 0;
    while ((n = SC(read, c, (long)buf, sizeof buf, 0, 0, 0)) > 0) {
        h = crc32(h, buf, n);
        total += (uint64_t)n;
    }
    if (n < 0)
        fail("read", n);
    int len = snprintf((char *)buf, sizeof buf, "%llu %08llx\n", (unsigned long long)total, (unsigned long long)h);
    write_all(c, buf, len);
    SC(close, c, 0, 0, 0, 0, 0);
    printf("received %llu bytes, hash %08llx\n", (unsigned long long)total, (unsigned long long)h);
    return 0;
}

static int tcp_source(const char *ip, int port, long long bytes)
{
    static unsigned char buf[65536];
    struct astra_sockaddr_in a = address(ip, port);
    long fd = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0), r;
    if ((r = SC(connect, fd, (long)&a, sizeof a, 0, 0, 0)) < 0)
        fail("connect", r);
    uint64_t h = CRC_START, x = 0x9e3779b97f4a7c15ULL;
    for (long long sent = 0; sent < bytes;) {
        long n = bytes - sent < (long long)sizeof buf ? (long)(bytes - sent) : (long)sizeof buf;
        for (long i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            buf[i] = (unsigned char)x;
        }
        h = crc32(h, buf, n);
        if ((r = write_all(fd, buf, n)) < 0)
            fail("write", r);
        sent += n;
    }
    SC(shutdown, fd, ASTRA_SHUT_WR, 0, 0, 0, 0);
    char reply[64] = { 0 };
    long got = 0;
    while (got < (long)sizeof reply - 1 && (r = SC(read, fd, (long)reply + got, sizeof reply - 1 - got, 0, 0, 0)) > 0)
        got += r;
    char mine[64];
    snprintf(mine, sizeof mine, "%lld %08llx\n", bytes, (unsigned long long)h);
    printf("sent %lld bytes: %s\n", bytes, strcmp(reply, mine) ? "the peer's hash differs" : "the peer's hash matches");
    return strcmp(reply, mine) != 0;
}

static int echo(int port, int conns)
{
    static struct astra_pollfd fds[MAX_CONNS + 1];
    static unsigned char buf[16384];
    int n = 1, ended = 0;
    fds[0] = (struct astra_pollfd){ (int32_t)listen_on(port, ASTRA_SOCK_STREAM), ASTRA_POLLIN, 0 };
    while (ended < conns) {
        long r = SC(poll, (long)fds, n, -1, 0, 0, 0);
        if (r < 0)
            fail("poll", r);
        for (int i = n - 1; i >= 1; i--) {
            if (!fds[i].revents)
                continue;
            long got = SC(read, fds[i].fd, (long)buf, sizeof buf, 0, 0, 0);
            if (got > 0 && write_all(fds[i].fd, buf, got) == got)
                continue;
            SC(close, fds[i].fd, 0, 0, 0, 0, 0);
            fds[i] = fds[--n];
            ended++;
        }
        if ((fds[0].revents & ASTRA_POLLIN) && n <= MAX_CONNS) {
            long c = SC(accept, fds[0].fd, 0, 0, 0, 0, 0);
            if (c < 0)
                fail("accept", c);
            fds[n++] = (struct astra_pollfd){ (int32_t)c, ASTRA_POLLIN, 0 };
        }
    }
    printf("served %d connections\n", ended);
    return 0;
}

static int udp_echo(int port, int count, int connected)
{
    static unsigned char buf[65536];
    long fd = listen_on(port, ASTRA_SOCK_DGRAM);
    int i = 0;
    for (; !count || i < count; i++) {
        struct astra_sockaddr_in from;
        unsigned len = sizeof from;
        long n = SC(recvfrom, fd, (long)buf, sizeof buf, 0, (long)&from, (long)&len), r;
        if (n < 0)
            fail("recvfrom", n);
        if (n == 4 && !memcmp(buf, "quit", 4))
            break;
        if (connected && !i && (r = SC(connect, fd, (long)&from, len, 0, 0, 0)) < 0)
            fail("connect", r);
        r = connected ? SC(sendto, fd, (long)buf, n, 0, 0, 0) : SC(sendto, fd, (long)buf, n, 0, (long)&from, len);
        if (r != n)
            fail("sendto", r);
    }
    printf("echoed %d datagrams\n", i);
    return 0;
}

static int try_connect(const char *ip, int port)
{
    struct astra_sockaddr_in a = address(ip, port);
    long fd = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0);
    printf("connect: %s\n", probe_result(SC(connect, fd, (long)&a, sizeof a, 0, 0, 0)));
    return 0;
}

/* A connection attempt to an address nobody answers (SO_SNDTIMEO), and a read from a
 * connected peer that sends nothing (SO_RCVTIMEO): Linux's EINPROGRESS and EAGAIN. */
static int timeouts(const char *ip, int port)
{
    struct astra_timeval tv = { 0, 300000 };
    struct astra_sockaddr_in nobody = address("10.0.2.50", 80), a = address(ip, port);
    long fd = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0);
    SC(setsockopt, fd, ASTRA_SOL_SOCKET, ASTRA_SO_SNDTIMEO, (long)&tv, sizeof tv, 0);
    printf("connect with SO_SNDTIMEO to a silent address: %s\n",
           probe_result(SC(connect, fd, (long)&nobody, sizeof nobody, 0, 0, 0)));
    SC(close, fd, 0, 0, 0, 0, 0);
    fd = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0);
    long r = SC(connect, fd, (long)&a, sizeof a, 0, 0, 0);
    if (r < 0)
        fail("connect", r);
    SC(setsockopt, fd, ASTRA_SOL_SOCKET, ASTRA_SO_RCVTIMEO, (long)&tv, sizeof tv, 0);
    char c;
    printf("read with SO_RCVTIMEO from a silent peer: %s\n", probe_result(SC(read, fd, (long)&c, 1, 0, 0, 0)));
    printf("nonblocking read: %s\n", probe_result(SC(recvfrom, fd, (long)&c, 1, ASTRA_MSG_DONTWAIT, 0, 0)));
    return 0;
}

static void fill(unsigned char *buf, long n, uint64_t *x)
{
    for (long i = 0; i < n; i++) {
        *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
        buf[i] = (unsigned char)*x;
    }
}

static int send_exit(int port, const char *how)
{
    static unsigned char buf[4096];
    long l = listen_on(port, ASTRA_SOCK_STREAM), c = SC(accept, l, 0, 0, 0, 0, 0), r;
    if (c < 0)
        fail("accept", c);
    int flags = (int)SC(fcntl, c, ASTRA_F_GETFL, 0, 0, 0, 0);
    SC(fcntl, c, ASTRA_F_SETFL, flags | ASTRA_O_NONBLOCK, 0, 0, 0);
    uint64_t h = CRC_START, x = 0x2545f4914f6cdd1dULL;
    long long sent = 0;
    long n = 0, off = 0; /* buf[off..n) is still to be written */
    for (;;) {
        if (off == n) {
            fill(buf, n = sizeof buf, &x);
            off = 0;
        }
        r = SC(write, c, (long)(buf + off), n - off, 0, 0, 0);
        if (r > 0) {
            h = crc32(h, buf + off, r);
            off += r, sent += r;
            continue;
        }
        if (r != -ASTRA_EAGAIN)
            fail("write", r);
        struct astra_pollfd p = { (int32_t)c, ASTRA_POLLOUT, 0 };
        if (SC(poll, (long)&p, 1, 500, 0, 0, 0) == 0)
            break; /* the peer stopped taking data: the send buffer is full */
    }
    if (!strcmp(how, "close"))
        SC(close, c, 0, 0, 0, 0, 0);
    printf("sent %lld %08llx\n", sent, (unsigned long long)h);
    fflush(stdout);
    return 0;
}

static long connect_to(const char *ip, int port)
{
    struct astra_sockaddr_in a = address(ip, port);
    long fd = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0), r;
    if ((r = SC(connect, fd, (long)&a, sizeof a, 0, 0, 0)) < 0)
        fail("connect", r);
    return fd;
}

static void say(const char *what, long r) { printf("%s: %s\n", what, probe_result(r)); }

static long send_text(long fd, const char *text)
{
    return SC(sendto, fd, (long)text, (long)strlen(text), ASTRA_MSG_NOSIGNAL, 0, 0);
}

/* Reads until the end of the stream or an error: prints the byte count and CRC-32. */
static void read_to_end(long fd, const char *what)
{
    static unsigned char buf[65536];
    uint64_t h = CRC_START, total = 0;
    long n;
    while ((n = SC(read, fd, (long)buf, sizeof buf, 0, 0, 0)) > 0) {
        h = crc32(h, buf, n);
        total += (uint64_t)n;
    }
    printf("%s: %llu bytes, hash %08llx, then %s\n", what, (unsigned long long)total, (unsigned long long)h,
           probe_result(n));
}

/* Exactly n bytes (the peer's words are short), or what ended the stream early. */
static void read_exactly(long fd, long n, const char *what)
{
    char buf[256] = { 0 };
    long got = 0, r = 0;
    while (got < n && (r = SC(read, fd, (long)buf + got, n - got, 0, 0, 0)) > 0)
        got += r;
    if (got == n)
        printf("%s: \"%s\"\n", what, buf);
    else
        printf("%s: %ld bytes, then %s\n", what, got, probe_result(r));
}

/* What poll reports at once for reading, writing and the peer's FIN. */
static void poll_now(long fd, const char *what)
{
    struct astra_pollfd p = { (int32_t)fd, ASTRA_POLLIN | ASTRA_POLLOUT | ASTRA_POLLRDHUP, 0 };
    long r = SC(poll, (long)&p, 1, 0, 0, 0, 0);
    printf("%s: poll %s, revents %#x\n", what, probe_result(r), (unsigned)p.revents);
}

/* The peer (tests/net_virtio_test.py, half_close_peer) reads each connection's request to
 * its end, then answers; or answers, half-closes and waits for ours. */
static int half_close(const char *ip, int port)
{
    int one = 1;
    long fd = connect_to(ip, port);
    SC(setsockopt, fd, ASTRA_IPPROTO_TCP, ASTRA_TCP_NODELAY, (long)&one, sizeof one, 0);
    say("1: write the request", send_text(fd, "request"));
    say("1: shutdown(SHUT_WR)", SC(shutdown, fd, ASTRA_SHUT_WR, 0, 0, 0, 0));
    say("1: write after shutdown(SHUT_WR)", send_text(fd, "more"));
    read_to_end(fd, "1: read the answer");
    say("1: read again", SC(read, fd, (long)&one, 1, 0, 0, 0));
    poll_now(fd, "1: both ends closed");
    say("1: write after both ends closed", send_text(fd, "more"));
    say("1: close", SC(close, fd, 0, 0, 0, 0, 0));

    fd = connect_to(ip, port);
    read_to_end(fd, "2: read what the peer sends before its shutdown(SHUT_WR)");
    say("2: read again", SC(read, fd, (long)&one, 1, 0, 0, 0));
    poll_now(fd, "2: after the peer's shutdown(SHUT_WR)");
    say("2: write after the peer's shutdown(SHUT_WR)", send_text(fd, "reply"));
    say("2: shutdown(SHUT_WR)", SC(shutdown, fd, ASTRA_SHUT_WR, 0, 0, 0, 0));
    struct astra_timespec pause = { 0, 300000000 };
    SC(nanosleep, (long)&pause, 0, 0, 0, 0, 0); /* for the peer's acknowledgement of our FIN */
    int err = -1;
    unsigned len = sizeof err;
    say("2: getsockopt(SO_ERROR) once both ends closed",
        SC(getsockopt, fd, ASTRA_SOL_SOCKET, ASTRA_SO_ERROR, (long)&err, (long)&len, 0));
    printf("2: SO_ERROR is %s\n", err ? probe_result(-err) : "0");
    poll_now(fd, "2: both ends closed");
    say("2: close", SC(close, fd, 0, 0, 0, 0, 0));
    return 0;
}

/* half-close against a peer in a child process over loopback (no card): the peer of
 * tests/net_virtio_test.py's half_close_peer, in C. */
static int half_close_local(void)
{
    static unsigned char answer[102400], buf[65536];
    for (int i = 0; i < (int)sizeof answer; i++)
        answer[i] = (unsigned char)i;
    struct astra_sockaddr_in a = address("127.0.0.1", 0);
    unsigned len = sizeof a;
    long l = SC(socket, ASTRA_AF_INET, ASTRA_SOCK_STREAM, 0, 0, 0, 0), r;
    if ((r = SC(bind, l, (long)&a, sizeof a, 0, 0, 0)) < 0 || (r = SC(listen, l, 4, 0, 0, 0, 0)) < 0 ||
        (r = SC(getsockname, l, (long)&a, (long)&len, 0, 0, 0)) < 0)
        fail("listen", r);
    fflush(stdout);
    long pid = SC(fork, 0, 0, 0, 0, 0, 0);
    if (pid < 0)
        fail("fork", pid);
    if (pid == 0) {
        for (int conn = 1; conn <= 2; conn++) {
            long c = SC(accept, l, 0, 0, 0, 0, 0);
            if (conn == 2) {
                write_all(c, answer, sizeof answer);
                SC(shutdown, c, ASTRA_SHUT_WR, 0, 0, 0, 0);
            }
            while (SC(read, c, (long)buf, sizeof buf, 0, 0, 0) > 0)
                ;
            if (conn == 1)
                write_all(c, answer, sizeof answer);
            SC(close, c, 0, 0, 0, 0, 0);
        }
        SC(exit_group, 0, 0, 0, 0, 0, 0);
    }
    SC(close, l, 0, 0, 0, 0, 0);
    int port = (a.sin_port >> 8 | a.sin_port << 8) & 0xffff;
    half_close("127.0.0.1", port);
    int status = -1;
    SC(wait4, pid, (long)&status, 0, 0, 0, 0);
    printf("the peer ended with status %d\n", status);
    return 0;
}

/* Waits until the peer's reset arrives: poll with no events reports only POLLERR/POLLHUP. */
static void wait_reset(long fd, const char *what)
{
    struct astra_pollfd p = { (int32_t)fd, 0, 0 };
    long r = SC(poll, (long)&p, 1, 10000, 0, 0, 0);
    printf("%s: poll %s, revents %#x\n", what, probe_result(r), (unsigned)p.revents);
}

/* The peer (tests/net_virtio_test.py, reset_peer) resets each connection: 1. after a word
 * each way; 2. with a word we have not read; 3. after its own FIN and our answer. */
static int reset(const char *ip, int port)
{
    char c;
    int err = -1;
    unsigned len = sizeof err;
    long fd = connect_to(ip, port);
    read_exactly(fd, 5, "1: read");
    say("1: write", send_text(fd, "go"));
    wait_reset(fd, "1: reset");
    say("1: read after the reset", SC(read, fd, (long)&c, 1, 0, 0, 0));
    say("1: read again", SC(read, fd, (long)&c, 1, 0, 0, 0));
    poll_now(fd, "1: after the reset");
    say("1: write after the reset", send_text(fd, "x"));
    say("1: getsockopt(SO_ERROR)", SC(getsockopt, fd, ASTRA_SOL_SOCKET, ASTRA_SO_ERROR, (long)&err, (long)&len, 0));
    printf("1: SO_ERROR is %s\n", err ? probe_result(-err) : "0");
    say("1: close", SC(close, fd, 0, 0, 0, 0, 0));

    fd = connect_to(ip, port);
    say("2: write", send_text(fd, "go"));
    wait_reset(fd, "2: reset");
    say("2: write after the reset", send_text(fd, "x"));
    say("2: write again", send_text(fd, "x"));
    read_exactly(fd, 5, "2: read");
    say("2: read again", SC(read, fd, (long)&c, 1, 0, 0, 0));
    say("2: close", SC(close, fd, 0, 0, 0, 0, 0));

    fd = connect_to(ip, port);
    read_to_end(fd, "3: read to the peer's FIN");
    say("3: write", send_text(fd, "go"));
    wait_reset(fd, "3: reset");
    say("3: read after the reset", SC(read, fd, (long)&c, 1, 0, 0, 0));
    say("3: write after the reset", send_text(fd, "x"));
    poll_now(fd, "3: after the reset");
    say("3: close", SC(close, fd, 0, 0, 0, 0, 0));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "tcp-sink"))
        return tcp_sink(atoi(argv[2]));
    if (argc == 5 && !strcmp(argv[1], "tcp-source"))
        return tcp_source(argv[2], atoi(argv[3]), atoll(argv[4]));
    if (argc == 4 && !strcmp(argv[1], "echo"))
        return echo(atoi(argv[2]), atoi(argv[3]));
    if (argc == 4 && !strcmp(argv[1], "udp-echo"))
        return udp_echo(atoi(argv[2]), atoi(argv[3]), 0);
    if (argc == 4 && !strcmp(argv[1], "udp-echo-connected"))
        return udp_echo(atoi(argv[2]), atoi(argv[3]), 1);
    if (argc == 4 && !strcmp(argv[1], "connect"))
        return try_connect(argv[2], atoi(argv[3]));
    if (argc == 4 && !strcmp(argv[1], "timeouts"))
        return timeouts(argv[2], atoi(argv[3]));
    if (argc == 4 && !strcmp(argv[1], "send-exit"))
        return send_exit(atoi(argv[2]), argv[3]);
    if (argc == 2 && !strcmp(argv[1], "half-close-local"))
        return half_close_local();
    if (argc == 4 && !strcmp(argv[1], "half-close"))
        return half_close(argv[2], atoi(argv[3]));
    if (argc == 4 && !strcmp(argv[1], "reset"))
        return reset(argv[2], atoi(argv[3]));
    fprintf(stderr, "usage: net_peer tcp-sink PORT | tcp-source IP PORT BYTES | echo PORT CONNS | "
                    "udp-echo[-connected] PORT COUNT | connect IP PORT | timeouts IP PORT | send-exit PORT close|exit | "
                    "half-close IP PORT | half-close-local | reset IP PORT\n");
    return 2;
}
