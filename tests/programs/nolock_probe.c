/* The system calls the kernel answers without its big kernel lock (getpid, gettid, getuid,
 * geteuid, getgid, getegid: [nolock] in syscalls/syscalls.tbl), called by threads on two
 * CPUs at once: a static glibc program whose output is the same on Linux and on Astra with
 * two CPUs (tests/kernel/nolock_test.c compares them).
 *   nolock_probe ids N       2 threads (CPUs 0 and 1) x N calls of each: every answer right
 *   nolock_probe signals K   2 threads calling getpid/gettid in a loop each take K SIGUSR1s
 *                            sent one at a time by a third (none lost: the sender waits for
 *                            each); a blocked SIGUSR2 waits for its unblock
 *   nolock_probe exit        threads in a getpid loop end with their process: exit_group from
 *                            a third thread, SIGKILL; SIGSTOP stops them, SIGCONT resumes
 *   nolock_probe overlap     a thread calling getpid on one CPU is not held up while a thread
 *                            on the other CPU is inside a long system call (a 32 MiB read) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
    printf("FAILED: %s\n", what);
    fflush(stdout);
    _exit(1);
}

static long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
    while (nanosleep(&ts, &ts))
        ;
}

/* The CPUs the process may run on when it starts (main fetches them). */
static cpu_set_t allowed;

/* Pins the calling thread to the i-th CPU of allowed (the last one when there are fewer). */
static void pin(int i)
{
    cpu_set_t one;
    int seen = 0, last = -1;
    for (int c = 0; c < CPU_SETSIZE; c++)
        if (CPU_ISSET(c, &allowed)) {
            last = c;
            if (seen++ == i)
                break;
        }
    CPU_ZERO(&one);
    CPU_SET(last, &one);
    if (sched_setaffinity(0, sizeof one, &one))
        die("sched_setaffinity");
}

/* What every thread of the process must be told, fetched once by the main thread. */
static long pid, uid, euid, gid, egid;

/* One round of the calls: 0 when every answer is right for the thread with this tid. */
static int round_ok(long tid)
{
    return syscall(SYS_getpid) == pid && syscall(SYS_gettid) == tid && syscall(SYS_getuid) == uid &&
           syscall(SYS_geteuid) == euid && syscall(SYS_getgid) == gid && syscall(SYS_getegid) == egid;
}

static void fetch_ids(void)
{
    pid = syscall(SYS_getpid), uid = syscall(SYS_getuid), euid = syscall(SYS_geteuid);
    gid = syscall(SYS_getgid), egid = syscall(SYS_getegid);
}

/* ---- ids ---- */
struct caller {
    pthread_t thread;
    int index;
    long tid, n, wrong;
};

static void *call_many(void *arg)
{
    struct caller *c = arg;
    pin(c->index);
    c->tid = syscall(SYS_gettid);
    for (long i = 0; i < c->n; i++)
        c->wrong += !round_ok(c->tid);
    return 0;
}

static void ids_test(long n)
{
    fetch_ids();
    struct caller c[2] = { { .index = 0, .n = n }, { .index = 1, .n = n } };
    for (int i = 0; i < 2; i++)
        if (pthread_create(&c[i].thread, 0, call_many, &c[i]))
            die("pthread_create");
    for (int i = 0; i < 2; i++)
        pthread_join(c[i].thread, 0);
    printf("ids: 2 threads x %ld rounds of getpid, gettid, getuid, geteuid, getgid, getegid: %ld wrong\n", n,
           c[0].wrong + c[1].wrong);
    printf("ids: the threads' ids differ from each other: %s, from the pid: %s; the main thread's is the pid: %s\n",
           c[0].tid != c[1].tid ? "yes" : "no", c[0].tid != pid && c[1].tid != pid ? "yes" : "no",
           syscall(SYS_gettid) == pid ? "yes" : "no");
}

/* ---- signals ---- */
struct spinner {
    pthread_t thread;
    int index;
    _Atomic long tid, usr1, usr2, wrong;
    _Atomic int phase; /* 0: take SIGUSR1s; -1: block SIGUSR2; 1: blocked; 2: sent; 3: done */
    long usr2_blocked, usr2_unblocked; /* SIGUSR2s handled before and right after its unblock */
};

static struct spinner spinners[2];

static struct spinner *me(void)
{
    long tid = syscall(SYS_gettid);
    for (int i = 0; i < 2; i++)
        if (atomic_load(&spinners[i].tid) == tid)
            return &spinners[i];
    return 0;
}

static void on_usr1(int sig)
{
    (void)sig;
    struct spinner *s = me();
    if (s)
        atomic_fetch_add(&s->usr1, 1);
}

static void on_usr2(int sig)
{
    (void)sig;
    struct spinner *s = me();
    if (s)
        atomic_fetch_add(&s->usr2, 1);
}

static void *spin_for_signals(void *arg)
{
    struct spinner *s = arg;
    pin(s->index);
    long tid = syscall(SYS_gettid);
    atomic_store(&s->tid, tid);
    while (atomic_load(&s->phase) == 0)
        s->wrong += !round_ok(tid);
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &usr2, 0);
    atomic_store(&s->phase, 1);
    while (atomic_load(&s->phase) == 1)
        s->wrong += !round_ok(tid);
    for (int i = 0; i < 20000; i++) /* the blocked SIGUSR2 stays pending through these */
        s->wrong += !round_ok(tid);
    s->usr2_blocked = atomic_load(&s->usr2);
    pthread_sigmask(SIG_UNBLOCK, &usr2, 0); /* delivered before it returns */
    s->usr2_unblocked = atomic_load(&s->usr2);
    atomic_store(&s->phase, 3);
    return 0;
}

/* Waits until *word reaches want, at most 30 s. */
static void wait_for(_Atomic long *word, long want, const char *what)
{
    long deadline = now_ns() + 30000000000L;
    while (atomic_load(word) < want) {
        if (now_ns() > deadline)
            die(what);
        sched_yield();
    }
}

static void signals_test(long k)
{
    fetch_ids();
    struct sigaction sa = { .sa_handler = on_usr1 };
    sigaction(SIGUSR1, &sa, 0);
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, 0);
    for (int i = 0; i < 2; i++) {
        spinners[i].index = i;
        if (pthread_create(&spinners[i].thread, 0, spin_for_signals, &spinners[i]))
            die("pthread_create");
    }
    for (int i = 0; i < 2; i++)
        while (!atomic_load(&spinners[i].tid))
            sched_yield();
    for (long j = 1; j <= k; j++)
        for (int i = 0; i < 2; i++) {
            if (syscall(SYS_tgkill, pid, atomic_load(&spinners[i].tid), SIGUSR1))
                die("tgkill");
            wait_for(&spinners[i].usr1, j, "a SIGUSR1 to a thread calling getpid was not handled within 30 s");
        }
    /* Each blocks SIGUSR2 and says so; it is sent then, and must wait for the unblock. */
    for (int i = 0; i < 2; i++) {
        long deadline = now_ns() + 30000000000L;
        atomic_store(&spinners[i].phase, -1); /* leave the first loop */
        while (atomic_load(&spinners[i].phase) != 1) {
            if (now_ns() > deadline)
                die("a thread did not block SIGUSR2");
            sched_yield();
        }
        if (syscall(SYS_tgkill, pid, atomic_load(&spinners[i].tid), SIGUSR2))
            die("tgkill");
        atomic_store(&spinners[i].phase, 2);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(spinners[i].thread, 0);
    for (int i = 0; i < 2; i++)
        printf("signals: thread %d handled %ld of %ld SIGUSR1s, %ld wrong answers in between; "
               "a blocked SIGUSR2 handled %ld times before its unblock, %ld times by its end\n",
               i, atomic_load(&spinners[i].usr1), k, atomic_load(&spinners[i].wrong), spinners[i].usr2_blocked,
               spinners[i].usr2_unblocked);
}

/* ---- exit ---- */
static _Atomic long *calls; /* shared with the parent: getpid calls made by the child's threads */

static void *spin_forever(void *arg)
{
    pin((int)(intptr_t)arg);
    for (;;) {
        syscall(SYS_getpid);
        atomic_fetch_add(calls, 1);
    }
    return 0;
}

static void *exit_soon(void *arg)
{
    (void)arg;
    sleep_ms(50);
    syscall(SYS_exit_group, 7);
    return 0;
}

/* A child whose two threads call getpid forever; with_exit: a third thread calls exit_group(7). */
static pid_t spinning_child(int with_exit)
{
    pid_t c = fork();
    if (c < 0)
        die("fork");
    if (c == 0) {
        pthread_t t;
        for (int i = 0; i < 2; i++)
            if (pthread_create(&t, 0, spin_forever, (void *)(intptr_t)i))
                die("pthread_create");
        if (with_exit && pthread_create(&t, 0, exit_soon, 0))
            die("pthread_create");
        for (;;)
            pause();
    }
    long deadline = now_ns() + 30000000000L;
    while (atomic_load(calls) < 1000) /* both running */
        if (now_ns() > deadline)
            die("the child's threads did not start");
    return c;
}

static void report(const char *what, int status)
{
    if (WIFEXITED(status))
        printf("exit: %s: exited with %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("exit: %s: killed by signal %d\n", what, WTERMSIG(status));
    else if (WIFSTOPPED(status))
        printf("exit: %s: stopped by signal %d\n", what, WSTOPSIG(status));
    else
        printf("exit: %s: status 0x%x\n", what, status);
}

static void exit_test(void)
{
    calls = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (calls == MAP_FAILED)
        die("mmap");
    int status;
    pid_t c = spinning_child(1);
    waitpid(c, &status, 0);
    report("exit_group(7) from a third thread", status);

    atomic_store(calls, 0);
    c = spinning_child(0);
    kill(c, SIGKILL);
    waitpid(c, &status, 0);
    report("SIGKILL", status);

    atomic_store(calls, 0);
    c = spinning_child(0);
    kill(c, SIGSTOP);
    waitpid(c, &status, WUNTRACED);
    report("SIGSTOP", status);
    sleep_ms(50); /* the other thread stops at its next call */
    long a = atomic_load(calls);
    sleep_ms(100);
    long b = atomic_load(calls);
    printf("exit: stopped threads make no calls: %s\n", a == b ? "yes" : "no");
    kill(c, SIGCONT);
    waitpid(c, &status, WCONTINUED);
    printf("exit: continued: %s\n", WIFCONTINUED(status) ? "yes" : "no");
    long deadline = now_ns() + 30000000000L;
    while (atomic_load(calls) < b + 1000)
        if (now_ns() > deadline)
            die("the continued threads did not call again");
    printf("exit: continued threads call again: yes\n");
    kill(c, SIGKILL);
    waitpid(c, &status, 0);
    report("SIGKILL after SIGCONT", status);
}

/* ---- overlap ---- */
#define SAMPLES (1 << 20)
static _Atomic int reading; /* 1 from just before the other thread's read until after it */
static _Atomic int overlap_ready, overlap_seen;
static long samples[SAMPLES]; /* when each getpid call made while reading ended */
static long nsamples;

static void *overlap_caller(void *arg)
{
    (void)arg;
    pin(1);
    atomic_store(&overlap_ready, 1);
    while (!atomic_load(&reading))
        ;
    atomic_store(&overlap_seen, 1);
    nsamples = 0;
    while (atomic_load(&reading) && nsamples < SAMPLES) {
        syscall(SYS_getpid);
        samples[nsamples++] = now_ns();
    }
    return 0;
}

/* The longest stretch of [start, end] in which no call ended. */
static long longest_gap(long start, long end)
{
    long gap = 0, prev = start;
    for (long i = 0; i < nsamples; i++)
        if (samples[i] > start && samples[i] < end) {
            if (samples[i] - prev > gap)
                gap = samples[i] - prev;
            prev = samples[i];
        }
    return end - prev > gap ? end - prev : gap;
}

/* Reads back to back per attempt; an attempt with one read not held up ends the test. A
 * call that waits for a lock the reader holds ends after the read: its stretch is the read's
 * whole length, less the moments before the reader takes the lock and after it drops it. */
#define READS 8

static void overlap_test(void)
{
    const size_t size = 32 << 20;
    char *buf = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED)
        die("mmap");
    memset(buf, 1, size); /* no page faults during the read, */
    memset(samples, 1, sizeof samples); /* nor in the caller */
    int fd = open("/dev/zero", O_RDONLY);
    if (fd < 0)
        die("open /dev/zero");
    pin(0);
    int held_up = 1;
    for (int attempt = 0; attempt < 20 && held_up; attempt++) {
        pthread_t t;
        atomic_store(&overlap_ready, 0);
        atomic_store(&overlap_seen, 0);
        if (pthread_create(&t, 0, overlap_caller, 0))
            die("pthread_create");
        while (!atomic_load(&overlap_ready))
            sched_yield();
        atomic_store(&reading, 1);
        while (!atomic_load(&overlap_seen)) /* the caller runs as the read starts */
            ;
        long start[READS], end[READS];
        for (int i = 0; i < READS; i++) {
            start[i] = now_ns();
            if (read(fd, buf, size) != (ssize_t)size)
                die("read /dev/zero");
            end[i] = now_ns();
        }
        atomic_store(&reading, 0);
        pthread_join(t, 0);
        for (int i = 0; i < READS; i++) {
            long gap = longest_gap(start[i], end[i]);
            held_up &= gap * 2 > end[i] - start[i];
            long calls_in = 0;
            for (long j = 0; j < nsamples; j++)
                calls_in += samples[j] > start[i] && samples[j] < end[i];
            fprintf(stderr, "overlap attempt %d, read %d: %ld us, %ld getpid calls meanwhile, longest stretch "
                    "without one %ld us\n", attempt, i, (end[i] - start[i]) / 1000, calls_in, gap / 1000);
        }
    }
    printf("overlap: getpid on one CPU held up by a read on the other: %s\n", held_up ? "yes" : "no");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, 0, _IOLBF, 0);
    if (sched_getaffinity(0, sizeof allowed, &allowed))
        die("sched_getaffinity");
    if (argc >= 3 && !strcmp(argv[1], "ids"))
        ids_test(atol(argv[2]));
    else if (argc >= 3 && !strcmp(argv[1], "signals"))
        signals_test(atol(argv[2]));
    else if (argc >= 2 && !strcmp(argv[1], "exit"))
        exit_test();
    else if (argc >= 2 && !strcmp(argv[1], "overlap"))
        overlap_test();
    else
        die("usage: nolock_probe ids N|signals K|exit|overlap");
    return 0;
}
