/* epoll on the Astra kernel against Linux (tests/kernel/epoll_test.c): each case prints the
 * events epoll reports (sorted by their data, so the order of a ready list does not matter)
 * and the errno names of the calls that fail. Built static with glibc, so the same binary
 * runs on both. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *errname(int e)
{
    switch (e) {
    case 0: return "0";
    case EBADF: return "EBADF";
    case EEXIST: return "EEXIST";
    case ENOENT: return "ENOENT";
    case EINVAL: return "EINVAL";
    case ELOOP: return "ELOOP";
    case EPERM: return "EPERM";
    case EFAULT: return "EFAULT";
    case EAGAIN: return "EAGAIN";
    case EINTR: return "EINTR";
    case ENOSYS: return "ENOSYS";
    default: return strerror(e);
    }
}

/* A call's result: the value, or -1 and the errno's name. */
static void result(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, errname(errno));
    else
        printf("%s: %ld\n", what, r);
}

static void event_names(uint32_t e, char *buf, size_t n)
{
    static const struct { uint32_t bit; const char *name; } bits[] = {
        { EPOLLIN, "IN" }, { EPOLLPRI, "PRI" }, { EPOLLOUT, "OUT" }, { EPOLLERR, "ERR" },
        { EPOLLHUP, "HUP" }, { EPOLLRDNORM, "RDNORM" }, { EPOLLRDBAND, "RDBAND" },
        { EPOLLWRNORM, "WRNORM" }, { EPOLLWRBAND, "WRBAND" }, { EPOLLRDHUP, "RDHUP" },
    };
    buf[0] = 0;
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
        if (e & bits[i].bit) {
            e &= ~bits[i].bit;
            snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", buf[0] ? "|" : "", bits[i].name);
        }
    if (e)
        snprintf(buf + strlen(buf), n - strlen(buf), "%s0x%x", buf[0] ? "|" : "", e);
}

static int by_data(const void *a, const void *b)
{
    uint64_t x = ((const struct epoll_event *)a)->data.u64, y = ((const struct epoll_event *)b)->data.u64;
    return x < y ? -1 : x > y;
}

/* epoll_wait(ep, timeout) and what it reported. */
static int wait_show(const char *what, int ep, int timeout)
{
    struct epoll_event ev[16];
    int n = epoll_wait(ep, ev, 16, timeout);
    if (n < 0) {
        printf("%s: -1 %s\n", what, errname(errno));
        return n;
    }
    qsort(ev, (size_t)n, sizeof ev[0], by_data);
    printf("%s: %d", what, n);
    for (int i = 0; i < n; i++) {
        char names[128];
        event_names(ev[i].events, names, sizeof names);
        printf(" [%llu %s]", (unsigned long long)ev[i].data.u64, names);
    }
    printf("\n");
    return n;
}

static int ctl(int ep, int op, int fd, uint32_t events, uint64_t data)
{
    struct epoll_event ev = { .events = events, .data.u64 = data };
    return epoll_ctl(ep, op, fd, &ev);
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void case_pipes(void)
{
    int p[2];
    pipe(p);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    result("create1", ep >= 0);
    result("cloexec", fcntl(ep, F_GETFD) & FD_CLOEXEC);
    result("add read end", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1));
    result("add write end", ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 2));
    wait_show("empty pipe", ep, 0);
    write(p[1], "ab", 2);
    wait_show("after write", ep, 0);
    wait_show("level again", ep, 0);
    result("mod write end to IN", ctl(ep, EPOLL_CTL_MOD, p[1], EPOLLIN, 3));
    wait_show("after mod", ep, 0);
    char buf[8];
    read(p[0], buf, sizeof buf);
    wait_show("drained", ep, 0);
    uint64_t t0 = now_ms();
    int n = epoll_wait(ep, (struct epoll_event[1]){ 0 }, 1, 150);
    uint64_t waited = now_ms() - t0;
    printf("timeout 150: %d, waited at least 140 ms: %d\n", n, waited >= 140);
    result("del write end", ctl(ep, EPOLL_CTL_DEL, p[1], 0, 0));
    close(p[1]);
    wait_show("writer closed", ep, 0);
    close(p[0]);
    wait_show("reader closed too", ep, 0);

    /* edge-triggered: once per change, and again after new data */
    pipe(p);
    result("add ET", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLET, 4));
    wait_show("ET empty", ep, 0);
    write(p[1], "x", 1);
    wait_show("ET after write", ep, 0);
    wait_show("ET again, no news", ep, 0);
    write(p[1], "y", 1);
    wait_show("ET after second write", ep, 0);
    wait_show("ET undrained", ep, 0);
    read(p[0], buf, sizeof buf);
    result("MOD ET re-arms", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLET, 5));
    wait_show("ET drained after MOD", ep, 0);
    write(p[1], "z", 1);
    result("MOD ET with data", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLET, 6));
    wait_show("ET after MOD", ep, 0);
    wait_show("ET after MOD, again", ep, 0);

    /* one-shot: reported once, then nothing until MOD */
    result("MOD oneshot", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 7));
    wait_show("oneshot first", ep, 0);
    wait_show("oneshot second", ep, 0);
    write(p[1], "w", 1);
    wait_show("oneshot after more data", ep, 0);
    result("MOD re-arms oneshot", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 8));
    wait_show("oneshot re-armed", ep, 0);
    result("ADD again", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 9));
    result("DEL", ctl(ep, EPOLL_CTL_DEL, p[0], 0, 0));
    result("DEL again", ctl(ep, EPOLL_CTL_DEL, p[0], 0, 0));
    result("MOD after DEL", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 9));

    /* closing the last descriptor removes the item; a dup keeps it */
    result("add read end", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 10));
    int d = dup(p[0]);
    close(p[0]);
    wait_show("closed but dup open", ep, 0);
    result("DEL closed fd", ctl(ep, EPOLL_CTL_DEL, p[0], 0, 0));
    close(d);
    wait_show("last descriptor closed", ep, 0);
    int q[2];
    pipe(q); /* may reuse the numbers */
    write(q[1], "q", 1);
    wait_show("new pipe on old numbers", ep, 0);
    result("DEL reused number", ctl(ep, EPOLL_CTL_DEL, q[0], 0, 0));
    close(q[0]);
    close(q[1]);
    close(p[1]);

    /* an eventfd */
    int e = eventfd(0, EFD_NONBLOCK);
    result("add eventfd", ctl(ep, EPOLL_CTL_ADD, e, EPOLLIN | EPOLLOUT, 11));
    wait_show("eventfd 0", ep, 0);
    uint64_t one = 1;
    write(e, &one, 8);
    wait_show("eventfd 1", ep, 0);
    read(e, &one, 8);
    wait_show("eventfd read", ep, 0);
    close(e);
    close(ep);
}

static void case_errors(void)
{
    int p[2];
    pipe(p);
    int ep = epoll_create1(0);
    result("create1 bad flag", epoll_create1(1));
    result("create 0", epoll_create(0));
    int ep2 = epoll_create(1);
    result("create 1", ep2 >= 0);
    result("ctl bad epfd", ctl(1000, EPOLL_CTL_ADD, p[0], EPOLLIN, 0));
    result("ctl bad fd", ctl(ep, EPOLL_CTL_ADD, 1000, EPOLLIN, 0));
    result("ctl not an epoll", ctl(p[0], EPOLL_CTL_ADD, p[1], EPOLLIN, 0));
    result("ctl itself", ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 0));
    result("ctl bad op", ctl(ep, 99, p[0], EPOLLIN, 0));
    result("ctl bad event pointer", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], (struct epoll_event *)8));
    result("DEL null event", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    char path[] = "/tmp/epoll_probe_XXXXXX";
    int f = mkstemp(path);
    unlink(path);
    result("regular file", ctl(ep, EPOLL_CTL_ADD, f, EPOLLIN, 0));
    close(f);
    result("EXCLUSIVE ok", ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLEXCLUSIVE, 1));
    result("MOD of EXCLUSIVE", ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 1));
    result("EXCLUSIVE with ONESHOT", ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT | EPOLLEXCLUSIVE | EPOLLONESHOT, 2));
    result("EXCLUSIVE on an epoll", ctl(ep, EPOLL_CTL_ADD, ep2, EPOLLIN | EPOLLEXCLUSIVE, 2));
    result("ADD nested", ctl(ep, EPOLL_CTL_ADD, ep2, EPOLLIN, 3));
    result("ADD cycle", ctl(ep2, EPOLL_CTL_ADD, ep, EPOLLIN, 4));
    /* a chain deeper than Linux allows */
    int chain[7];
    chain[0] = epoll_create1(0);
    for (int i = 1; i < 7; i++) {
        chain[i] = epoll_create1(0);
        char what[32];
        snprintf(what, sizeof what, "chain depth %d", i);
        result(what, ctl(chain[i], EPOLL_CTL_ADD, chain[i - 1], EPOLLIN, (uint64_t)i));
    }
    /* and one built from the top down */
    int top[7];
    top[0] = epoll_create1(0);
    for (int i = 1; i < 7; i++) {
        top[i] = epoll_create1(0);
        char what[32];
        snprintf(what, sizeof what, "top-down depth %d", i);
        result(what, ctl(top[i - 1], EPOLL_CTL_ADD, top[i], EPOLLIN, (uint64_t)i));
    }
    struct epoll_event ev[2];
    result("wait maxevents 0", epoll_wait(ep, ev, 0, 0));
    result("wait maxevents -1", syscall(SYS_epoll_wait, ep, ev, -1, 0));
    result("wait bad epfd", epoll_wait(1000, ev, 2, 0));
    result("wait not an epoll", epoll_wait(p[0], ev, 2, 0));
    write(p[1], "a", 1);
    result("wait bad buffer", syscall(SYS_epoll_wait, ep, 8, 2, 0));
    result("wait kernel buffer", syscall(SYS_epoll_wait, ep, 0xffff800000000000ULL, 2, 0));
    sigset_t none;
    sigemptyset(&none);
    result("pwait bad sigsetsize", syscall(SYS_epoll_pwait, ep, ev, 2, 0, &none, 4));
    result("pwait", epoll_pwait(ep, ev, 2, 0, &none));
    close(ep);
    close(ep2);
    close(p[0]);
    close(p[1]);
}

static void case_nested(void)
{
    int p[2];
    pipe(p);
    int outer = epoll_create1(0), inner = epoll_create1(0);
    result("inner add", ctl(inner, EPOLL_CTL_ADD, p[0], EPOLLIN, 1));
    result("outer add inner", ctl(outer, EPOLL_CTL_ADD, inner, EPOLLIN, 2));
    wait_show("outer, nothing", outer, 0);
    write(p[1], "a", 1);
    wait_show("outer", outer, 0);
    wait_show("inner", inner, 0);
    struct pollfd pfd = { .fd = inner, .events = POLLIN | POLLOUT };
    int r = poll(&pfd, 1, 0);
    printf("poll of the inner set: %d revents 0x%x\n", r, pfd.revents);
    char c;
    read(p[0], &c, 1);
    wait_show("outer after drain", outer, 0);
    close(inner);
    wait_show("inner closed", outer, 0);
    close(outer);
    close(p[0]);
    close(p[1]);
}

static int wake_fd;

static void *writer(void *arg)
{
    (void)arg;
    usleep(100000);
    write(wake_fd, "t", 1);
    return NULL;
}

static void case_threads(void)
{
    int p[2];
    pipe(p);
    wake_fd = p[1];
    int ep = epoll_create1(0);
    ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1);
    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    wait_show("woken by another thread", ep, -1);
    pthread_join(t, NULL);
    char c;
    read(p[0], &c, 1);
    pthread_create(&t, NULL, writer, NULL);
    struct timespec ts = { 5, 0 };
    struct epoll_event ev;
    int n = (int)syscall(441, ep, &ev, 1, &ts, NULL, 8); /* epoll_pwait2 */
    printf("pwait2 woken: %d %s\n", n, n < 0 ? errname(errno) : "");
    pthread_join(t, NULL);
    close(ep);
    close(p[0]);
    close(p[1]);
}

static void case_sockets(void)
{
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(ls, (struct sockaddr *)&a, sizeof a);
    socklen_t len = sizeof a;
    getsockname(ls, (struct sockaddr *)&a, &len);
    listen(ls, 4);
    int ep = epoll_create1(0);
    result("add listener", ctl(ep, EPOLL_CTL_ADD, ls, EPOLLIN, 1));
    wait_show("no connection", ep, 0);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    result("connect", connect(c, (struct sockaddr *)&a, sizeof a));
    wait_show("connection pending", ep, 1000);
    int s = accept(ls, NULL, NULL);
    wait_show("accepted", ep, 0);
    result("add server side", ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN | EPOLLRDHUP, 2));
    result("add client side", ctl(ep, EPOLL_CTL_ADD, c, EPOLLOUT, 3));
    wait_show("connected", ep, 0);
    write(c, "hello", 5);
    wait_show("data", ep, 1000);
    char buf[8];
    result("read", read(s, buf, sizeof buf));
    result("mod client to IN", ctl(ep, EPOLL_CTL_MOD, c, EPOLLIN, 3));
    wait_show("drained", ep, 0);
    shutdown(c, SHUT_WR);
    wait_show("peer shut down writing", ep, 1000);
    close(c);
    close(s);
    close(ls);
    close(ep);
}

int main(int argc, char **argv)
{
    static const struct { const char *name; void (*run)(void); } cases[] = {
        { "pipes", case_pipes }, { "errors", case_errors }, { "nested", case_nested },
        { "threads", case_threads }, { "sockets", case_sockets },
    };
    setvbuf(stdout, NULL, _IONBF, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (argc < 2 || !strcmp(argv[1], cases[i].name)) {
            printf("== %s\n", cases[i].name);
            cases[i].run();
        }
    return 0;
}
