/* Smaller Linux calls on the Astra kernel against Linux (tests/kernel/epoll_test.c): tkill,
 * time, clone with CLONE_DETACHED, robust futexes at a thread's exit, the identity calls a
 * root process may make, socketpair with sendmsg and recvmsg. Built static with glibc;
 * prints results and errno names. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static void result(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else
        printf("%s: %ld\n", what, r);
}

static volatile sig_atomic_t got;
static void on_usr1(int sig) { got = sig; }

static void case_tkill(void)
{
    signal(SIGUSR1, on_usr1);
    result("tkill self", syscall(SYS_tkill, (int)syscall(SYS_gettid), SIGUSR1));
    printf("handler ran: %d\n", got == SIGUSR1);
    result("tkill 0", syscall(SYS_tkill, 0, SIGUSR1));
    result("tkill -1", syscall(SYS_tkill, -1, SIGUSR1));
    result("tkill no such thread", syscall(SYS_tkill, 4000000, SIGUSR1));
    result("tkill bad signal", syscall(SYS_tkill, (int)syscall(SYS_gettid), 99));
    result("tkill signal 0", syscall(SYS_tkill, (int)syscall(SYS_gettid), 0));
}

static void case_time(void)
{
    long stored = 0;
    long t = syscall(SYS_time, &stored);
    printf("time after 2023: %d, stored the same: %d\n", t > 1700000000, t == stored || t + 1 == stored);
    result("time NULL positive", syscall(SYS_time, NULL) > 0);
    result("time bad pointer", syscall(SYS_time, (long *)8));
}

static int child_tid_word = 1;
static volatile int child_ran;

static int detached_child(void *arg)
{
    (void)arg;
    child_ran = 1;
    syscall(SYS_exit, 0);
    return 0;
}

static void case_clone_detached(void)
{
    size_t size = 64 * 1024;
    char *stack = malloc(size);
    int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
                CLONE_DETACHED | CLONE_CHILD_CLEARTID;
    int tid = clone(detached_child, stack + size, flags, NULL, NULL, NULL, &child_tid_word);
    printf("clone with CLONE_DETACHED: %s\n", tid > 0 ? "a thread" : strerrorname_np(errno));
    if (tid > 0)
        while (__atomic_load_n(&child_tid_word, __ATOMIC_SEQ_CST))
            syscall(SYS_futex, &child_tid_word, FUTEX_WAIT, 1, NULL);
    printf("child ran: %d\n", child_ran);
}

static pthread_mutex_t robust;
static pthread_barrier_t locked;

static void *lock_and_die(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust);
    pthread_barrier_wait(&locked);
    usleep(100000); /* the main thread waits on the mutex meanwhile */
    return NULL;    /* ends holding it */
}

static void case_robust(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &a);
    pthread_barrier_init(&locked, NULL, 2);
    pthread_t t;
    pthread_create(&t, NULL, lock_and_die, NULL);
    pthread_barrier_wait(&locked);
    int r = pthread_mutex_lock(&robust); /* sleeps until the owner's exit marks the word */
    printf("lock of a mutex whose owner ended: %s\n", r ? strerrorname_np(r) : "0");
    if (r == EOWNERDEAD)
        printf("consistent: %d\n", pthread_mutex_consistent(&robust));
    printf("unlock: %d\n", pthread_mutex_unlock(&robust));
    pthread_join(t, NULL);
    struct robust_list_head *head;
    size_t len;
    result("get_robust_list self", syscall(SYS_get_robust_list, 0, &head, &len));
    printf("robust list length: %zu\n", len);
    result("get_robust_list no such thread", syscall(SYS_get_robust_list, 4000000, &head, &len));
    result("set_robust_list bad length", syscall(SYS_set_robust_list, head, 8));
}

static void case_identity(void)
{
    result("setuid to own uid", syscall(SYS_setuid, getuid()));
    result("setgid to own gid", syscall(SYS_setgid, getgid()));
    result("setuid -1", syscall(SYS_setuid, -1));
    result("setgid -1", syscall(SYS_setgid, -1));
    result("setgroups -1", syscall(SYS_setgroups, -1, NULL));
    result("setgroups bad pointer", syscall(SYS_setgroups, 1, (void *)8));
    result("chroot missing", syscall(SYS_chroot, "/no/such/dir"));
    result("chroot bad pointer", syscall(SYS_chroot, (void *)8));
    char path[] = "/tmp/linux_calls_XXXXXX";
    int fd = mkstemp(path);
    result("chroot a file", syscall(SYS_chroot, path));
    close(fd);
    unlink(path);
}

static void case_socketpair(void)
{
    int sv[2];
    result("socketpair AF_INET", socketpair(AF_INET, SOCK_STREAM, 0, sv));
    result("socketpair protocol 5", socketpair(AF_UNIX, SOCK_STREAM, 5, sv));
    result("socketpair type 99", socketpair(AF_UNIX, 99, 0, sv));
    result("socketpair bad pointer", syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, 8));
    result("socketpair", socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
    result("cloexec", fcntl(sv[1], F_GETFD) & FD_CLOEXEC);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    result("getsockname", getsockname(sv[0], (struct sockaddr *)&ss, &len));
    printf("name: family %d length %u\n", ss.ss_family, (unsigned)len);
    char buf[16] = { 0 };
    result("write", write(sv[0], "hi", 2));
    result("read", read(sv[1], buf, sizeof buf));
    printf("got %s\n", buf);
    struct iovec out[2] = { { "ab", 2 }, { "cde", 3 } };
    struct msghdr m = { .msg_iov = out, .msg_iovlen = 2 };
    result("sendmsg two segments", sendmsg(sv[1], &m, 0));
    char a[3] = { 0 }, b[8] = { 0 };
    struct iovec in[2] = { { a, 2 }, { b, 7 } };
    struct sockaddr_storage from;
    struct msghdr r = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = in, .msg_iovlen = 2,
                        .msg_flags = 123 };
    result("recvmsg", recvmsg(sv[0], &r, 0));
    printf("segments %s|%s namelen %u controllen %zu flags %d\n", a, b, (unsigned)r.msg_namelen, r.msg_controllen,
           r.msg_flags);
    result("recvmsg nothing, nonblocking", recvmsg(sv[0], &r, MSG_DONTWAIT));
    int p[2];
    pipe(p);
    result("sendmsg on a pipe", sendmsg(p[1], &m, 0));
    result("recvmsg bad header", recvmsg(sv[0], (struct msghdr *)8, 0));
    close(p[0]);
    close(p[1]);
    close(sv[1]);
    result("read after peer closed", read(sv[0], buf, sizeof buf));
    result("sendmsg after peer closed", sendmsg(sv[0], &m, MSG_NOSIGNAL));
    close(sv[0]);
}

int main(int argc, char **argv)
{
    static const struct { const char *name; void (*run)(void); } cases[] = {
        { "tkill", case_tkill }, { "time", case_time }, { "clone", case_clone_detached },
        { "robust", case_robust }, { "identity", case_identity }, { "socketpair", case_socketpair },
    };
    setvbuf(stdout, NULL, _IONBF, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (argc < 2 || !strcmp(argv[1], cases[i].name)) {
            printf("== %s\n", cases[i].name);
            cases[i].run();
        }
    return 0;
}
