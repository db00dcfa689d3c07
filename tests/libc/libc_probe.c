/* The unix target's C library against glibc: the same source is built against libastra's
 * musl-ABI layer (-DASTRA_LIBC, its own header astra/libc.h) and against glibc, and
 * differential.py runs both and compares their output line by line. Each section prints
 * facts where musl's x86_64 ABI and glibc's agree: struct sizes and offsets, constants,
 * errno values, and the behaviour of threads, signals, spawning, directories, name
 * resolution and files. Usage: libc_probe SECTION... (all sections when none is named). */
#ifdef ASTRA_LIBC
#include <astra/libc.h>
#include <astra/syscall_nr.h>
#define PROBE_NR_getpid ASTRA_NR_getpid
#define xsi_strerror_r strerror_r
#else
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/file.h>
#include <sys/time.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/select.h>
#include <sys/timerfd.h>
#include <sys/inotify.h>
#include <sys/sysinfo.h>
#include <dlfcn.h>
#include <pty.h>
#include <grp.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#define PROBE_NR_getpid SYS_getpid
#define xsi_strerror_r __xpg_strerror_r
int __xpg_strerror_r(int e, char *buf, size_t len);
#endif

/* ---- output without stdio: %d %ld %u %lu %zu %x %s %c ---- */
static char out_buf[8192];
static size_t out_len;

static void flush(void)
{
    size_t off = 0;
    while (off < out_len) {
        ssize_t n = write(1, out_buf + off, out_len - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    out_len = 0;
}

static void put_char(char c)
{
    if (out_len == sizeof out_buf)
        flush();
    out_buf[out_len++] = c;
}

static void put_str(const char *s)
{
    while (*s)
        put_char(*s++);
}

static void put_unsigned(unsigned long v, unsigned base)
{
    char tmp[32];
    int n = 0;
    do
        tmp[n++] = "0123456789abcdef"[v % base];
    while (v /= base);
    while (n)
        put_char(tmp[--n]);
}

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            put_char(*p);
            continue;
        }
        int is_long = 0;
        while (p[1] == 'l' || p[1] == 'z')
            p++, is_long = 1;
        switch (*++p) {
        case 'd': {
            long v = is_long ? va_arg(ap, long) : va_arg(ap, int);
            if (v < 0) {
                put_char('-');
                put_unsigned(-(unsigned long)v, 10);
            } else {
                put_unsigned((unsigned long)v, 10);
            }
            break;
        }
        case 'u': put_unsigned(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10); break;
        case 'x': put_unsigned(is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16); break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            put_str(s ? s : "(null)");
            break;
        }
        case 'c': put_char((char)va_arg(ap, int)); break;
        default: put_char(*p);
        }
    }
    va_end(ap);
    flush();
}

/* "name -> result errno" for a call expected to fail; "ok" for success. */
#define CHECK(expr)                                                                                \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long r_ = (long)(expr);                                                                    \
        if (r_ < 0)                                                                                \
            say("%s -> %ld errno %d\n", #expr, r_, errno);                                         \
        else                                                                                       \
            say("%s -> ok\n", #expr);                                                              \
    } while (0)
/* A result and the errno it left (evaluated in that order). */
#define SAY_ERRNO(label, expr)                                                                     \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long v_ = (long)(expr);                                                                    \
        say("%s %ld errno %d\n", label, v_, errno);                                                \
    } while (0)
/* For calls that return an error number. */
#define CHECK_ERRNUM(expr) say("%s -> %d\n", #expr, (int)(expr))

static char scratch[256];
static void *volatile bad_pointer = (void *)16;

static const char *scratch_path(const char *name)
{
    static char path[512];
    strcpy(path, scratch);
    strcat(path, "/");
    strcat(path, name);
    return path;
}

/* ---- abi ---- */
#define SIZE(t) say("sizeof(%s) = %zu\n", #t, sizeof(t))
#define OFF(t, f) say("offsetof(%s, %s) = %zu\n", #t, #f, offsetof(t, f))
#define VAL(c) say("%s = %ld\n", #c, (long)(c))

static void section_abi(void)
{
    SIZE(struct stat); OFF(struct stat, st_mode); OFF(struct stat, st_size); OFF(struct stat, st_blocks);
    OFF(struct stat, st_atim); OFF(struct stat, st_mtim); OFF(struct stat, st_ctim);
    SIZE(struct dirent); OFF(struct dirent, d_off); OFF(struct dirent, d_reclen); OFF(struct dirent, d_type);
    OFF(struct dirent, d_name);
    SIZE(struct sigaction); OFF(struct sigaction, sa_mask); OFF(struct sigaction, sa_flags);
    OFF(struct sigaction, sa_restorer);
    SIZE(sigset_t); SIZE(siginfo_t); OFF(siginfo_t, si_code); OFF(siginfo_t, si_pid); OFF(siginfo_t, si_status);
    SIZE(stack_t); OFF(stack_t, ss_flags); OFF(stack_t, ss_size);
    SIZE(pthread_t); SIZE(pthread_attr_t); SIZE(pthread_mutex_t); SIZE(pthread_mutexattr_t);
    SIZE(pthread_cond_t); SIZE(pthread_condattr_t); SIZE(pthread_rwlock_t); SIZE(pthread_rwlockattr_t);
    SIZE(pthread_key_t); SIZE(pthread_once_t);
    SIZE(time_t); SIZE(off_t); SIZE(struct timespec); SIZE(struct timeval);
    SIZE(struct addrinfo); OFF(struct addrinfo, ai_addrlen); OFF(struct addrinfo, ai_addr);
    OFF(struct addrinfo, ai_canonname); OFF(struct addrinfo, ai_next);
    SIZE(struct msghdr); OFF(struct msghdr, msg_iov); OFF(struct msghdr, msg_iovlen);
    OFF(struct msghdr, msg_control); OFF(struct msghdr, msg_controllen); OFF(struct msghdr, msg_flags);
    SIZE(struct cmsghdr); SIZE(struct iovec);
    SIZE(struct sockaddr); SIZE(struct sockaddr_in); SIZE(struct sockaddr_in6); SIZE(struct sockaddr_un);
    SIZE(struct sockaddr_storage); SIZE(struct pollfd); SIZE(struct epoll_event);
    SIZE(struct utsname); SIZE(struct rlimit); SIZE(struct rusage); SIZE(struct passwd);
    OFF(struct passwd, pw_uid); OFF(struct passwd, pw_gecos);
    SIZE(struct termios); OFF(struct termios, c_line); OFF(struct termios, c_cc);
    SIZE(cpu_set_t); SIZE(posix_spawnattr_t); SIZE(posix_spawn_file_actions_t);
    SIZE(struct winsize);

    VAL(O_CREAT); VAL(O_EXCL); VAL(O_TRUNC); VAL(O_APPEND); VAL(O_NONBLOCK); VAL(O_DIRECTORY);
    VAL(O_NOFOLLOW); VAL(O_CLOEXEC); VAL(O_PATH); VAL(O_SYNC); VAL(O_DSYNC);
    VAL(AT_FDCWD); VAL(AT_SYMLINK_NOFOLLOW); VAL(AT_REMOVEDIR); VAL(AT_EMPTY_PATH);
    VAL(F_GETFD); VAL(F_SETFD); VAL(F_GETFL); VAL(F_SETFL); VAL(F_DUPFD_CLOEXEC); VAL(FD_CLOEXEC);
    VAL(SIGUSR1); VAL(SIGUSR2); VAL(SIGCHLD); VAL(SIGPIPE); VAL(SIGSTOP); VAL(SIGSYS);
    VAL(SA_SIGINFO); VAL(SA_ONSTACK); VAL(SA_RESTART); VAL(SA_NODEFER); VAL(SA_RESETHAND);
    VAL(SIG_BLOCK); VAL(SIG_UNBLOCK); VAL(SIG_SETMASK); VAL(SS_DISABLE);
    VAL(PROT_READ); VAL(PROT_WRITE); VAL(MAP_PRIVATE); VAL(MAP_ANONYMOUS); VAL(MAP_FIXED); VAL(MAP_STACK);
    VAL(MS_SYNC); VAL(AF_UNIX); VAL(AF_INET6); VAL(SOCK_CLOEXEC); VAL(SOCK_NONBLOCK); VAL(SOL_SOCKET);
    VAL(SO_REUSEADDR); VAL(MSG_NOSIGNAL); VAL(MSG_PEEK); VAL(IPPROTO_IPV6);
    VAL(AI_PASSIVE); VAL(AI_CANONNAME); VAL(AI_NUMERICHOST); VAL(AI_NUMERICSERV); VAL(AI_V4MAPPED);
    VAL(AI_ADDRCONFIG); VAL(EAI_NONAME); VAL(EAI_SERVICE); VAL(EAI_FAMILY); VAL(EAI_SOCKTYPE);
    VAL(EAI_BADFLAGS); VAL(EAI_MEMORY); VAL(EAI_SYSTEM);
    VAL(POSIX_SPAWN_RESETIDS); VAL(POSIX_SPAWN_SETPGROUP); VAL(POSIX_SPAWN_SETSIGDEF);
    VAL(POSIX_SPAWN_SETSIGMASK); VAL(POSIX_SPAWN_SETSID);
    VAL(PTHREAD_MUTEX_RECURSIVE); VAL(PTHREAD_MUTEX_ERRORCHECK); VAL(PTHREAD_CREATE_DETACHED);
    VAL(CLOCK_MONOTONIC); VAL(CLOCK_BOOTTIME); VAL(TIMER_ABSTIME);
    VAL(EPOLL_CLOEXEC); VAL(EPOLL_CTL_ADD); VAL(EPOLL_CTL_MOD); VAL(EFD_NONBLOCK); VAL(EFD_CLOEXEC);
    VAL(GRND_NONBLOCK); VAL(WNOHANG); VAL(WEXITED); VAL(P_PID);
    VAL(_SC_PAGESIZE); VAL(_SC_NPROCESSORS_ONLN); VAL(_SC_GETPW_R_SIZE_MAX); VAL(_SC_OPEN_MAX);
    VAL(_SC_CLK_TCK); VAL(_SC_THREAD_STACK_MIN); VAL(_SC_SIGSTKSZ); VAL(_SC_MINSIGSTKSZ);
    VAL(TIOCGWINSZ); VAL(FIONBIO); VAL(LOCK_EX); VAL(LOCK_NB); VAL(UTIME_NOW); VAL(UTIME_OMIT);
    VAL(PTHREAD_ONCE_INIT);
}

/* ---- errno ---- */
static void section_errno(void)
{
    VAL(EPERM); VAL(ENOENT); VAL(EINTR); VAL(EBADF); VAL(EAGAIN); VAL(EWOULDBLOCK); VAL(ENOMEM);
    VAL(EACCES); VAL(EFAULT); VAL(EEXIST); VAL(ENOTDIR); VAL(EISDIR); VAL(EINVAL); VAL(EMFILE);
    VAL(ENOTTY); VAL(ESPIPE); VAL(EPIPE); VAL(ERANGE); VAL(EDEADLK); VAL(ENAMETOOLONG); VAL(ENOSYS);
    VAL(ENOTEMPTY); VAL(ELOOP); VAL(ENOTSOCK); VAL(EOPNOTSUPP); VAL(ENOTSUP); VAL(EAFNOSUPPORT);
    VAL(EADDRINUSE); VAL(ECONNREFUSED); VAL(ETIMEDOUT); VAL(EINPROGRESS); VAL(ECANCELED);
    VAL(EOWNERDEAD); VAL(EHWPOISON);
    int p[2];
    pipe(p);
    CHECK(read(-1, scratch, 1));
    CHECK(close(-1));
    CHECK(write(p[0], "x", 1));
    CHECK(lseek(p[0], 0, SEEK_SET));
    CHECK(write(p[1], "x", 1));
    CHECK(read(p[0], bad_pointer, 1));
    CHECK(fcntl(-5, F_GETFD));
    CHECK(dup2(p[0], -1));
    CHECK(dup3(p[0], p[0], 0));
    CHECK(pipe2(p, 0x7));
    CHECK(open("", O_RDONLY));
    CHECK(open("/nonexistent/x", O_RDONLY));
    CHECK(open("/", O_WRONLY));
    CHECK(mkdir("/", 0755));
    CHECK(rmdir("/nonexistent-dir"));
    CHECK(unlink("/"));
    CHECK(stat("/nonexistent", (struct stat *)scratch));
    CHECK(stat((const char *)bad_pointer, (struct stat *)scratch));
    CHECK(readlink("/", scratch, sizeof scratch));
    CHECK(chdir("/nonexistent"));
    CHECK(mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1) == MAP_FAILED ? -1 : 0);
    CHECK(munmap((void *)1, 4096));
    CHECK(mprotect((void *)1, 4096, PROT_READ));
    CHECK(kill(getpid(), 999));
    CHECK(waitpid(-1, 0, WNOHANG));
    CHECK(socket(999, SOCK_STREAM, 0));
    CHECK(accept4(p[0], 0, 0, 0));
    CHECK(isatty(p[0]) - 1);
    CHECK(tcgetattr(p[0], (struct termios *)scratch));
    CHECK(clock_gettime(999, (struct timespec *)scratch));
    struct timespec bad = { 0, 2000000000L };
    CHECK(nanosleep(&bad, 0));
    CHECK_ERRNUM(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, 0));
    CHECK(sigaction(0, 0, 0));
    CHECK(sigaction(65, 0, 0));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    CHECK(sigaction(SIGKILL, &sa, 0));
    sigset_t set;
    sigemptyset(&set);
    CHECK(sigaddset(&set, 0));
    CHECK(sigaddset(&set, 65));
    CHECK(sigismember(&set, 65));
    CHECK(setenv("", "x", 1));
    CHECK(setenv("A=B", "x", 1));
    CHECK(unsetenv("A=B"));
    void *mem = 0;
    CHECK_ERRNUM(posix_memalign(&mem, 3, 16));
    CHECK_ERRNUM(posix_memalign(&mem, 4, 16));
    CHECK_ERRNUM(posix_memalign(&mem, 64, 16));
    say("aligned %d\n", ((uintptr_t)mem & 63) == 0);
    free(mem);
    CHECK_ERRNUM(pthread_join(pthread_self(), 0));
    CHECK(syscall(PROBE_NR_getpid) == getpid() ? 0 : -1);
    CHECK(syscall(PROBE_NR_getpid, 1, 2, 3, 4, 5, 6) == getpid() ? 0 : -1);
    CHECK(syscall(100000));
    char buf[64];
    CHECK_ERRNUM(__xpg_strerror_r(EBADF, buf, sizeof buf));
    say("%s\n", buf);
    CHECK_ERRNUM(__xpg_strerror_r(ENOENT, buf, sizeof buf));
    say("%s\n", buf);
    CHECK_ERRNUM(__xpg_strerror_r(ECONNREFUSED, buf, sizeof buf));
    say("%s\n", buf);
    CHECK_ERRNUM(__xpg_strerror_r(ENOSYS, buf, sizeof buf));
    say("%s\n", buf);
    CHECK_ERRNUM(__xpg_strerror_r(EBADF, buf, 5));
    say("%s\n", buf);
    CHECK_ERRNUM(__xpg_strerror_r(9999, buf, sizeof buf));
    say("%s\n", buf);
    close(p[0]);
    close(p[1]);
}

/* ---- threads ---- */
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static long counter;
static int finished;
static pthread_key_t key;
static int destructor_calls;
static int once_calls;

static void *add_many(void *arg)
{
    for (int i = 0; i < 10000; i++) {
        pthread_mutex_lock(&mutex);
        counter++;
        pthread_mutex_unlock(&mutex);
    }
    return (char *)arg + 1;
}

static void key_destructor(void *v)
{
    pthread_mutex_lock(&mutex);
    destructor_calls += *(int *)v;
    pthread_mutex_unlock(&mutex);
}

static int key_values[4] = { 1, 10, 100, 1000 };

static void *set_key(void *arg)
{
    pthread_setspecific(key, arg);
    return pthread_getspecific(key) == arg ? arg : 0;
}

static void *detached(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mutex);
    finished++;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&mutex);
    return 0;
}

static void count_once(void) { once_calls++; }

static void *stack_probe(void *arg)
{
    pthread_attr_t a;
    void *addr;
    size_t size, guard;
    char local;
    pthread_getattr_np(pthread_self(), &a);
    pthread_attr_getstack(&a, &addr, &size);
    pthread_attr_getguardsize(&a, &guard);
    pthread_attr_destroy(&a);
    int inside = (char *)addr <= &local && &local < (char *)addr + size;
    say("thread stack: local inside %d, size >= asked %d, guard %zu\n", inside, size >= (size_t)arg, guard);
    return 0;
}

static void *rw_reader(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_rwlock_rdlock(&rwlock);
        long v = counter;
        pthread_rwlock_unlock(&rwlock);
        if (v & 1)
            return (void *)1;
    }
    return 0;
}

static void *mask_probe(void *arg)
{
    (void)arg;
    sigset_t now;
    pthread_sigmask(SIG_SETMASK, 0, &now);
    say("thread mask usr2 %d usr1 %d\n", sigismember(&now, SIGUSR2), sigismember(&now, SIGUSR1));
    return 0;
}

static void section_threads(void)
{
    sigset_t usr2, before;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &usr2, &before);
    pthread_t mt;
    pthread_create(&mt, 0, mask_probe, 0);
    pthread_join(mt, 0);
    pthread_sigmask(SIG_SETMASK, &before, 0);
    pthread_create(&mt, 0, mask_probe, 0);
    pthread_join(mt, 0);

    pthread_t t[4];
    void *results[4];
    for (int i = 0; i < 4; i++)
        CHECK_ERRNUM(pthread_create(&t[i], 0, add_many, (char *)0 + i * 10));
    for (int i = 0; i < 4; i++)
        CHECK_ERRNUM(pthread_join(t[i], &results[i]));
    say("counter %ld results %ld %ld %ld %ld\n", counter, (long)results[0], (long)results[1], (long)results[2],
        (long)results[3]);

    CHECK_ERRNUM(pthread_key_create(&key, key_destructor));
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], 0, set_key, &key_values[i]);
    int same = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], &results[i]);
        same += results[i] == &key_values[i];
    }
    say("key values seen %d destructor sum %d main value %d\n", same, destructor_calls, pthread_getspecific(key) == 0);
    CHECK_ERRNUM(pthread_setspecific(key, &key_values[0]));
    say("main value set %d\n", pthread_getspecific(key) == &key_values[0]);
    CHECK_ERRNUM(pthread_key_delete(key));
    pthread_key_t key2;
    pthread_key_create(&key2, 0);
    say("new key reads null %d\n", pthread_getspecific(key2) == 0);
    pthread_key_delete(key2);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    CHECK_ERRNUM(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED));
    int state = -1;
    pthread_attr_getdetachstate(&attr, &state);
    say("detach state %d\n", state);
    for (int i = 0; i < 8; i++)
        CHECK_ERRNUM(pthread_create(&t[0], &attr, detached, 0));
    pthread_attr_destroy(&attr);
    pthread_mutex_lock(&mutex);
    while (finished < 8)
        pthread_cond_wait(&cond, &mutex);
    pthread_mutex_unlock(&mutex);
    say("detached finished %d\n", finished);
    pthread_create(&t[0], 0, detached, 0);
    CHECK_ERRNUM(pthread_detach(t[0]));
    pthread_mutex_lock(&mutex);
    while (finished < 9)
        pthread_cond_wait(&cond, &mutex);
    pthread_mutex_unlock(&mutex);

    pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, count_once);
    pthread_once(&once, count_once);
    say("once calls %d\n", once_calls);

    pthread_mutexattr_t ma;
    pthread_mutex_t rec, chk;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&rec, &ma);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&chk, &ma);
    CHECK_ERRNUM(pthread_mutex_lock(&rec));
    CHECK_ERRNUM(pthread_mutex_lock(&rec));
    CHECK_ERRNUM(pthread_mutex_unlock(&rec));
    CHECK_ERRNUM(pthread_mutex_unlock(&rec));
    CHECK_ERRNUM(pthread_mutex_unlock(&rec));
    CHECK_ERRNUM(pthread_mutex_lock(&chk));
    CHECK_ERRNUM(pthread_mutex_lock(&chk));
    CHECK_ERRNUM(pthread_mutex_trylock(&chk));
    CHECK_ERRNUM(pthread_mutex_unlock(&chk));
    CHECK_ERRNUM(pthread_mutex_trylock(&mutex));
    CHECK_ERRNUM(pthread_mutex_trylock(&mutex));
    CHECK_ERRNUM(pthread_mutex_unlock(&mutex));

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 20000000;
    if (deadline.tv_nsec >= 1000000000L)
        deadline.tv_sec++, deadline.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&mutex);
    CHECK_ERRNUM(pthread_cond_timedwait(&cond, &mutex, &deadline));
    pthread_mutex_unlock(&mutex);
    pthread_condattr_t ca;
    pthread_cond_t mono;
    pthread_condattr_init(&ca);
    CHECK_ERRNUM(pthread_condattr_setclock(&ca, CLOCK_MONOTONIC));
    pthread_cond_init(&mono, &ca);
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += 0;
    deadline.tv_nsec = deadline.tv_nsec < 990000000L ? deadline.tv_nsec + 10000000 : deadline.tv_nsec;
    pthread_mutex_lock(&mutex);
    CHECK_ERRNUM(pthread_cond_timedwait(&mono, &mutex, &deadline));
    pthread_mutex_unlock(&mutex);

    counter = 0;
    pthread_create(&t[0], 0, rw_reader, 0);
    pthread_create(&t[1], 0, rw_reader, 0);
    for (int i = 0; i < 1000; i++) {
        pthread_rwlock_wrlock(&rwlock);
        counter++;
        counter++;
        pthread_rwlock_unlock(&rwlock);
    }
    pthread_join(t[0], &results[0]);
    pthread_join(t[1], &results[1]);
    say("rwlock torn reads %ld %ld\n", (long)results[0], (long)results[1]);
    CHECK_ERRNUM(pthread_rwlock_rdlock(&rwlock));
    CHECK_ERRNUM(pthread_rwlock_tryrdlock(&rwlock));
    CHECK_ERRNUM(pthread_rwlock_trywrlock(&rwlock));
    pthread_rwlock_unlock(&rwlock);
    pthread_rwlock_unlock(&rwlock);
    CHECK_ERRNUM(pthread_rwlock_trywrlock(&rwlock));
    CHECK_ERRNUM(pthread_rwlock_tryrdlock(&rwlock));
    pthread_rwlock_unlock(&rwlock);

    pthread_attr_init(&attr);
    CHECK_ERRNUM(pthread_attr_setstacksize(&attr, 256 * 1024));
    size_t ss = 0;
    pthread_attr_getstacksize(&attr, &ss);
    say("attr stack size %zu\n", ss);
    pthread_create(&t[0], &attr, stack_probe, (void *)(256 * 1024));
    pthread_join(t[0], 0);
    pthread_attr_destroy(&attr);

    pthread_attr_t main_attr;
    void *addr;
    size_t size;
    char local;
    CHECK_ERRNUM(pthread_getattr_np(pthread_self(), &main_attr));
    pthread_attr_getstack(&main_attr, &addr, &size);
    say("main stack: local inside %d\n", (char *)addr <= &local && &local < (char *)addr + size);
    pthread_attr_destroy(&main_attr);

    CHECK_ERRNUM(pthread_setname_np(pthread_self(), "probe-main"));
    char name[16];
    CHECK_ERRNUM(pthread_getname_np(pthread_self(), name, sizeof name));
    say("name %s\n", name);
    CHECK_ERRNUM(pthread_setname_np(pthread_self(), "a-name-longer-than-15"));
    say("equal self %d\n", pthread_equal(pthread_self(), pthread_self()) != 0);
    cpu_set_t cpus;
    CHECK(sched_getaffinity(0, sizeof cpus, &cpus));
    CHECK(sched_yield());
}

/* ---- signals ---- */
static volatile int handled_sig, handled_code, handled_count;

static void on_signal(int sig, siginfo_t *info, void *ctx)
{
    (void)ctx;
    handled_sig = sig;
    handled_code = info->si_code;
    handled_count++;
}

static void plain_handler(int sig) { handled_sig = sig + 100; }

static void *raise_in_thread(void *arg)
{
    (void)arg;
    raise(SIGUSR1);
    return 0;
}

static void section_signals(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(SIGUSR1, &sa, 0));
    CHECK(raise(SIGUSR1));
    say("handled %d code %d count %d\n", handled_sig, handled_code, handled_count);
    CHECK(sigaction(SIGUSR1, 0, &old));
    say("old handler is ours %d siginfo %d\n", old.sa_sigaction == on_signal, (old.sa_flags & SA_SIGINFO) != 0);
    sigset_t block, pending, prev;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    say("member %d %d\n", sigismember(&block, SIGUSR1), sigismember(&block, SIGUSR2));
    CHECK(sigprocmask(SIG_BLOCK, &block, &prev));
    CHECK(raise(SIGUSR1));
    say("while blocked count %d\n", handled_count);
    CHECK(sigpending(&pending));
    say("pending %d\n", sigismember(&pending, SIGUSR1));
    CHECK(sigprocmask(SIG_SETMASK, &prev, 0));
    say("after unblock count %d\n", handled_count);
    pthread_t rt;
    pthread_create(&rt, 0, raise_in_thread, 0);
    pthread_join(rt, 0);
    say("raised in a thread: count %d\n", handled_count);
    CHECK_ERRNUM(pthread_sigmask(SIG_BLOCK, &block, 0));
    CHECK_ERRNUM(pthread_sigmask(SIG_SETMASK, 0, &prev));
    say("mask has usr1 %d\n", sigismember(&prev, SIGUSR1));
    CHECK_ERRNUM(pthread_sigmask(99, &block, 0));
    CHECK_ERRNUM(pthread_sigmask(SIG_UNBLOCK, &block, 0));
    sigfillset(&block);
    say("fill has 1 %d 31 %d 64 %d\n", sigismember(&block, 1), sigismember(&block, 31), sigismember(&block, 64));
    sigdelset(&block, 31);
    say("deleted 31 %d\n", sigismember(&block, 31));

    void (*prev_handler)(int) = signal(SIGUSR2, plain_handler);
    say("signal previous is default %d\n", prev_handler == SIG_DFL);
    raise(SIGUSR2);
    say("plain handled %d\n", handled_sig);
    say("signal returns ours %d\n", signal(SIGUSR2, SIG_IGN) == plain_handler);
    raise(SIGUSR2);
    say("ignored: still %d\n", handled_sig);
    say("signal bad %d\n", signal(0, SIG_IGN) == SIG_ERR);

    stack_t ss, oss;
    void *stack = malloc(65536);
    ss.ss_sp = stack;
    ss.ss_size = 65536;
    ss.ss_flags = 0;
    CHECK(sigaltstack(&ss, &oss));
    CHECK(sigaltstack(0, &oss));
    say("altstack ours %d size %zu flags %d\n", oss.ss_sp == stack, oss.ss_size, oss.ss_flags);
    ss.ss_size = 100;
    CHECK(sigaltstack(&ss, 0));
    ss.ss_flags = SS_DISABLE;
    CHECK(sigaltstack(&ss, 0));
    free(stack);
}

/* ---- posix_spawn, fork, exec, wait ---- */
extern char **environ;

static void read_all(int fd, const char *label)
{
    char buf[512];
    size_t n = 0;
    ssize_t r;
    while (n < sizeof buf - 1 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = 0;
    say("%s: [%s]\n", label, buf);
}

static void report_status(const char *what, int status)
{
    if (WIFEXITED(status))
        say("%s exited %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        say("%s killed by %d\n", what, WTERMSIG(status));
}

static void section_spawn(void)
{
    int p[2];
    pipe2(p, O_CLOEXEC);
    posix_spawn_file_actions_t fa;
    CHECK_ERRNUM(posix_spawn_file_actions_init(&fa));
    CHECK_ERRNUM(posix_spawn_file_actions_adddup2(&fa, p[1], 1));
    CHECK_ERRNUM(posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0));
    CHECK_ERRNUM(posix_spawn_file_actions_addchdir_np(&fa, "/"));
    CHECK_ERRNUM(posix_spawn_file_actions_addclose(&fa, 7));
    CHECK_ERRNUM(posix_spawn_file_actions_adddup2(&fa, -1, 1));
    char *argv[] = { "sh", "-c", "echo spawned $PROBE_VAR; pwd; cat; exit 3", 0 };
    char *envp[] = { "PROBE_VAR=hello", "PATH=/usr/bin:/bin", 0 };
    pid_t pid = 0;
    CHECK_ERRNUM(posix_spawn(&pid, "/bin/sh", &fa, 0, argv, envp));
    close(p[1]);
    read_all(p[0], "child output");
    close(p[0]);
    int status = 0;
    say("waited right pid %d\n", waitpid(pid, &status, 0) == pid);
    report_status("child", status);
    posix_spawn_file_actions_destroy(&fa);

    setenv("PATH", "/usr/bin:/bin", 1);
    char *argv2[] = { "sh", "-c", "exit 5", 0 };
    CHECK_ERRNUM(posix_spawnp(&pid, "sh", 0, 0, argv2, environ));
    waitpid(pid, &status, 0);
    report_status("spawnp child", status);
    CHECK_ERRNUM(posix_spawn(&pid, "/nonexistent/program", 0, 0, argv2, environ));
    CHECK_ERRNUM(posix_spawnp(&pid, "no-such-program-anywhere", 0, 0, argv2, environ));

    /* A caught signal is reset to its default in the child; SETSIGDEF resets an ignored one. */
    posix_spawnattr_t attr;
    CHECK_ERRNUM(posix_spawnattr_init(&attr));
    sigset_t def;
    sigemptyset(&def);
    sigaddset(&def, SIGUSR2);
    CHECK_ERRNUM(posix_spawnattr_setsigdefault(&attr, &def));
    CHECK_ERRNUM(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP));
    CHECK_ERRNUM(posix_spawnattr_setpgroup(&attr, 0));
    short flags = 0;
    posix_spawnattr_getflags(&attr, &flags);
    say("attr flags %d\n", flags);
    signal(SIGUSR2, SIG_IGN);
    char *argv3[] = { "sh", "-c", "kill -USR2 $$; echo survived", 0 };
    CHECK_ERRNUM(posix_spawn(&pid, "/bin/sh", 0, &attr, argv3, environ));
    waitpid(pid, &status, 0);
    report_status("sigdef child", status);
    posix_spawnattr_destroy(&attr);
    signal(SIGUSR2, SIG_DFL);

    pid = fork();
    if (pid == 0) {
        char *argv4[] = { "sh", "-c", "exit 7", 0 };
        execvp("sh", argv4);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    report_status("fork+execvp child", status);
    pid = fork();
    if (pid == 0)
        _exit(11);
    siginfo_t info;
    memset(&info, 0, sizeof info);
    CHECK(waitid(P_PID, (id_t)pid, &info, WEXITED));
    say("waitid signo %d status %d pid ok %d\n", info.si_signo, info.si_status, info.si_pid == pid);
    CHECK(execve("/nonexistent", argv, envp));
}

/* ---- directories and files ---- */
static int name_cmp(const char *a, const char *b) { return strcmp(a, b); }

static void section_files(void)
{
    CHECK(mkdir(scratch_path("dir"), 0755));
    const char *names[] = { "b-file", "a-file", "c-file" };
    for (int i = 0; i < 3; i++) {
        char p[600];
        strcpy(p, scratch_path("dir"));
        strcat(p, "/");
        strcat(p, names[i]);
        int fd = open(p, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
        close(fd);
    }
    char sub[600];
    strcpy(sub, scratch_path("dir/sub"));
    CHECK(mkdir(sub, 0700));
    DIR *d = opendir(scratch_path("dir"));
    say("opendir ok %d dirfd ok %d\n", d != 0, d && dirfd(d) >= 0);
    char seen[8][64];
    int types[8], n = 0;
    struct dirent *e;
    errno = 0;
    while (d && (e = readdir(d)) && n < 8) {
        strcpy(seen[n], e->d_name);
        types[n++] = e->d_type;
    }
    say("end errno %d\n", errno);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (name_cmp(seen[i], seen[j]) > 0) {
                char t[64];
                int tt = types[i];
                strcpy(t, seen[i]);
                strcpy(seen[i], seen[j]);
                strcpy(seen[j], t);
                types[i] = types[j];
                types[j] = tt;
            }
    for (int i = 0; i < n; i++)
        say("entry %s type %d\n", seen[i], types[i]);
    rewinddir(d);
    int again = 0;
    while (readdir(d))
        again++;
    say("after rewind %d\n", again);
    CHECK(closedir(d));
    int dfd = open(scratch_path("dir"), O_RDONLY | O_DIRECTORY);
    d = fdopendir(dfd);
    say("fdopendir same fd %d\n", d && dirfd(d) == dfd);
    closedir(d);
    SAY_ERRNO("opendir missing", opendir(scratch_path("missing")) == 0);
    SAY_ERRNO("opendir file", opendir(scratch_path("dir/a-file")) == 0);
    int ffd = open(scratch_path("dir/a-file"), O_RDONLY);
    SAY_ERRNO("fdopendir file", fdopendir(ffd) == 0);
    close(ffd);

    const char *f = scratch_path("data");
    char path[600];
    strcpy(path, f);
    int fd = open(path, O_CREAT | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
    say("open ok %d cloexec %d\n", fd >= 0, fcntl(fd, F_GETFD) & FD_CLOEXEC);
    CHECK(open(path, O_CREAT | O_EXCL | O_WRONLY, 0600));
    CHECK(write(fd, "hello world", 11));
    CHECK(pwrite(fd, "HELLO", 5, 0));
    char buf[32] = { 0 };
    CHECK(pread(fd, buf, 11, 0));
    say("content %s\n", buf);
    struct iovec iov[2] = { { "ab", 2 }, { "cd", 2 } };
    CHECK(writev(fd, iov, 2));
    CHECK(lseek(fd, 0, SEEK_END));
    struct stat st;
    CHECK(fstat(fd, &st));
    say("size %ld mode %o regular %d\n", (long)st.st_size, st.st_mode & 0777, S_ISREG(st.st_mode));
    CHECK(ftruncate(fd, 3));
    CHECK(fchmod(fd, 0640));
    fstat(fd, &st);
    say("size %ld mode %o\n", (long)st.st_size, st.st_mode & 0777);
    CHECK(flock(fd, LOCK_EX | LOCK_NB));
    CHECK(flock(fd, LOCK_UN));
    CHECK(fsync(fd));
    CHECK(fdatasync(fd));
    struct timespec times[2] = { { 1000, 0 }, { 123456789, 5 } };
    CHECK(futimens(fd, times));
    CHECK(stat(path, &st));
    say("mtime %ld.%ld atime %ld\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long)st.st_atim.tv_sec);
    times[1].tv_nsec = UTIME_OMIT;
    times[0].tv_sec = 2000;
    CHECK(utimensat(AT_FDCWD, path, times, 0));
    stat(path, &st);
    say("mtime %ld atime %ld\n", (long)st.st_mtim.tv_sec, (long)st.st_atim.tv_sec);
    int fd2 = dup(fd), fd3 = fcntl(fd, F_DUPFD_CLOEXEC, 50);
    say("dup ok %d dupfd %d cloexec %d\n", fd2 > fd, fd3 >= 50, fcntl(fd3, F_GETFD));
    CHECK(dup3(fd, fd2, O_CLOEXEC));
    say("dup3 cloexec %d\n", fcntl(fd2, F_GETFD));
    close(fd2);
    close(fd3);
    close(fd);

    char link_path[600], other[600];
    strcpy(link_path, scratch_path("link"));
    strcpy(other, scratch_path("hard"));
    CHECK(symlink("data", link_path));
    char target[64] = { 0 };
    CHECK(readlink(link_path, target, sizeof target));
    say("readlink %s\n", target);
    CHECK(readlink(link_path, target, 0));
    CHECK(lstat(link_path, &st));
    say("lstat is link %d\n", S_ISLNK(st.st_mode));
    CHECK(fstatat(AT_FDCWD, link_path, &st, 0));
    say("fstatat follows %d\n", S_ISREG(st.st_mode));
    CHECK(fstatat(AT_FDCWD, link_path, &st, AT_SYMLINK_NOFOLLOW));
    say("fstatat nofollow %d\n", S_ISLNK(st.st_mode));
    CHECK(link(path, other));
    stat(path, &st);
    say("nlink %ld\n", (long)st.st_nlink);
    char resolved[4096];
    say("realpath ends with data %d\n", realpath(link_path, resolved) &&
        !strcmp(resolved + strlen(resolved) - 5, "/data"));
    char *alloc = realpath(scratch, 0);
    say("realpath alloc ok %d\n", alloc != 0);
    free(alloc);
    SAY_ERRNO("realpath missing", realpath(scratch_path("missing/x"), resolved) == 0);
    CHECK(rename(other, scratch_path("renamed")));
    CHECK(access(scratch_path("renamed"), R_OK | W_OK));
    CHECK(access(scratch_path("hard"), F_OK));
    CHECK(unlink(scratch_path("renamed")));
    CHECK(unlink(link_path));
    CHECK(unlink(path));
    CHECK(rmdir(scratch_path("dir")));
    int dirfd2 = open(scratch, O_RDONLY | O_DIRECTORY);
    CHECK(mkdirat(dirfd2, "at", 0755));
    int afd = openat(dirfd2, "at/file", O_CREAT | O_WRONLY, 0600);
    say("openat ok %d\n", afd >= 0);
    close(afd);
    CHECK(linkat(dirfd2, "at/file", dirfd2, "at/file2", 0));
    CHECK(renameat(dirfd2, "at/file2", dirfd2, "at/file3"));
    CHECK(unlinkat(dirfd2, "at/file", 0));
    CHECK(unlinkat(dirfd2, "at/file3", 0));
    CHECK(unlinkat(dirfd2, "at", 0));
    CHECK(unlinkat(dirfd2, "at", AT_REMOVEDIR));
    close(dirfd2);
    char cwd[4096];
    say("getcwd ok %d\n", getcwd(cwd, sizeof cwd) != 0);
    SAY_ERRNO("getcwd small", getcwd(cwd, 1) == 0);
    char *dyn = getcwd(0, 0);
    say("getcwd alloc same %d\n", dyn && !strcmp(dyn, cwd));
    free(dyn);
    CHECK(chdir(scratch));
    CHECK(chdir(cwd));
}

/* ---- I/O, polling, sockets, memory ---- */
static void section_io(void)
{
    int p[2];
    CHECK(pipe2(p, O_NONBLOCK | O_CLOEXEC));
    say("nonblock %d\n", (fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0);
    char c;
    CHECK(read(p[0], &c, 1));
    struct pollfd pfd[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    CHECK(poll(pfd, 2, 0));
    say("revents %d %d\n", pfd[0].revents, pfd[1].revents);
    write(p[1], "z", 1);
    CHECK(poll(pfd, 1, 100));
    say("revents %d\n", pfd[0].revents);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    say("epoll ok %d\n", ep >= 0);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 42 }, got[2];
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    CHECK(epoll_wait(ep, got, 2, 100));
    say("epoll data %lu events %u\n", (unsigned long)got[0].data.u64, got[0].events);
    close(ep);
    close(p[0]);
    close(p[1]);
    int efd = eventfd(3, EFD_NONBLOCK);
    uint64_t v = 4;
    CHECK(write(efd, &v, 8));
    CHECK(read(efd, &v, 8));
    say("eventfd %lu\n", (unsigned long)v);
    CHECK(read(efd, &v, 8));
    close(efd);

    signal(SIGPIPE, SIG_IGN);
    pipe(p);
    close(p[0]);
    CHECK(write(p[1], "x", 1));
    close(p[1]);

    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
    char data[] = "over a socket";
    struct iovec iov = { data, sizeof data };
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    CHECK(sendmsg(sv[0], &msg, 0));
    char rbuf[64] = { 0 };
    struct iovec riov = { rbuf, sizeof rbuf };
    msg.msg_iov = &riov;
    CHECK(recvmsg(sv[1], &msg, 0));
    say("received %s flags %d\n", rbuf, msg.msg_flags);
    CHECK(send(sv[1], "back", 4, MSG_NOSIGNAL));
    memset(rbuf, 0, sizeof rbuf);
    CHECK(recv(sv[0], rbuf, sizeof rbuf, 0));
    say("received %s\n", rbuf);
    close(sv[0]);
    close(sv[1]);

    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    CHECK(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    int val = 0;
    socklen_t vlen = sizeof val;
    CHECK(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &val, &vlen));
    say("reuseaddr %d len %u\n", val != 0, vlen);
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(0x7f000001);
    CHECK(bind(s, (struct sockaddr *)&sin, sizeof sin));
    CHECK(listen(s, 4));
    socklen_t slen = sizeof sin;
    CHECK(getsockname(s, (struct sockaddr *)&sin, &slen));
    int c2 = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(connect(c2, (struct sockaddr *)&sin, sizeof sin));
    int a = accept4(s, 0, 0, SOCK_CLOEXEC);
    say("accept4 ok %d cloexec %d\n", a >= 0, fcntl(a, F_GETFD));
    CHECK(sendto(c2, "ping", 4, 0, 0, 0));
    memset(rbuf, 0, sizeof rbuf);
    CHECK(recvfrom(a, rbuf, sizeof rbuf, 0, 0, 0));
    say("tcp %s\n", rbuf);
    struct sockaddr_in peer;
    slen = sizeof peer;
    CHECK(getpeername(a, (struct sockaddr *)&peer, &slen));
    say("peer family %d len %u\n", peer.sin_family, slen);
    CHECK(shutdown(a, SHUT_WR));
    close(a);
    close(c2);
    close(s);

    char *m = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    say("mmap ok %d zero %d\n", m != MAP_FAILED, m[100] == 0);
    m[0] = 1;
    CHECK(mprotect(m, 4096, PROT_READ));
    CHECK(madvise(m + 4096, 4096, 4));
    CHECK(munmap(m, 8192));
}

/* ---- name resolution ---- */
static void print_ai(const struct addrinfo *ai)
{
    for (; ai; ai = ai->ai_next) {
        say("  family %d socktype %d protocol %d addrlen %u", ai->ai_family, ai->ai_socktype, ai->ai_protocol,
            ai->ai_addrlen);
        if (ai->ai_family == AF_INET) {
            const struct sockaddr_in *s = (const void *)ai->ai_addr;
            const unsigned char *b = (const void *)&s->sin_addr;
            say(" port %u addr %u.%u.%u.%u", ntohs(s->sin_port), b[0], b[1], b[2], b[3]);
        } else if (ai->ai_family == AF_INET6) {
            const struct sockaddr_in6 *s = (const void *)ai->ai_addr;
            say(" port %u last %u", ntohs(s->sin6_port), s->sin6_addr.s6_addr[15]);
        }
        say(" canon %s\n", ai->ai_canonname ? ai->ai_canonname : "-");
    }
}

static void resolve(const char *host, const char *serv, int family, int socktype, int flags)
{
    struct addrinfo hints, *res = 0;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_flags = flags;
    int r = getaddrinfo(host, serv, &hints, &res);
    say("getaddrinfo(%s, %s, %d, %d, %d) = %d %s\n", host ? host : "NULL", serv ? serv : "NULL", family, socktype,
        flags, r, r ? gai_strerror(r) : "");
    if (!r) {
        print_ai(res);
        freeaddrinfo(res);
    }
}

static void section_resolve(void)
{
    resolve("127.0.0.1", "80", AF_UNSPEC, SOCK_STREAM, 0);
    resolve("127.0.0.1", "53", AF_INET, SOCK_DGRAM, 0);
    resolve("::1", "8080", AF_INET6, SOCK_DGRAM, 0);
    resolve("10.1.2.3", 0, AF_UNSPEC, SOCK_STREAM, AI_NUMERICHOST | AI_CANONNAME);
    resolve(0, "443", AF_INET, SOCK_STREAM, AI_PASSIVE);
    resolve(0, "443", AF_UNSPEC, SOCK_STREAM, AI_PASSIVE);
    resolve("not-an-address", 0, AF_UNSPEC, 0, AI_NUMERICHOST);
    resolve("127.0.0.1", "http", AF_UNSPEC, SOCK_STREAM, AI_NUMERICSERV);
    resolve("127.0.0.1", "80", 99, 0, 0);
    resolve("127.0.0.1", "80", AF_UNSPEC, 99, 0);
    resolve("::ffff:1.2.3.4", "1", AF_INET6, SOCK_STREAM, 0);
    say("%s\n", gai_strerror(EAI_NONAME));
    say("%s\n", gai_strerror(EAI_SERVICE));
    say("%s\n", gai_strerror(EAI_FAMILY));
}

/* ---- system information, environment, time ---- */
static void section_system(void)
{
    say("pagesize %ld clk_tck %ld cpus>0 %d iov_max %ld stack_min>0 %d\n", sysconf(_SC_PAGESIZE),
        sysconf(_SC_CLK_TCK), sysconf(_SC_NPROCESSORS_ONLN) > 0, sysconf(_SC_IOV_MAX),
        sysconf(_SC_THREAD_STACK_MIN) > 0);
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    say("open_max is rlimit %d\n", sysconf(_SC_OPEN_MAX) == (long)rl.rlim_cur);
    SAY_ERRNO("sysconf bad", sysconf(-5));
    say("getpagesize %d\n", getpagesize());
    say("auxval pagesz %lu\n", getauxval(6));
    SAY_ERRNO("auxval missing", getauxval(1000));
    struct utsname u;
    CHECK(uname(&u));
    say("sysname %s machine %s\n", u.sysname, u.machine);
    char host[256];
    CHECK(gethostname(host, sizeof host));
    say("hostname matches %d\n", !strcmp(host, u.nodename));
    struct passwd pw, *result = 0;
    char pbuf[1024];
    CHECK_ERRNUM(getpwuid_r(0, &pw, pbuf, sizeof pbuf, &result));
    say("uid 0 found %d name %s dir %s uid %u\n", result == &pw, result ? pw.pw_name : "-", result ? pw.pw_dir : "-",
        result ? pw.pw_uid : 0);
    CHECK_ERRNUM(getpwuid_r(0, &pw, pbuf, 4, &result));
    say("ids match %d %d\n", getuid() == geteuid(), getgid() == getegid());
    say("pid %d ppid %d tid %d\n", getpid() > 0, getppid() > 0, gettid() == getpid());
    say("pgrp %d sid %d\n", getpgrp() == getpgid(0), getsid(0) > 0);

    CHECK(setenv("PROBE_A", "1", 0));
    CHECK(setenv("PROBE_A", "2", 0));
    say("PROBE_A=%s\n", getenv("PROBE_A"));
    CHECK(setenv("PROBE_A", "3", 1));
    say("PROBE_A=%s\n", getenv("PROBE_A"));
    int in_environ = 0;
    for (char **e = environ; *e; e++)
        in_environ += !strcmp(*e, "PROBE_A=3");
    say("in environ %d\n", in_environ);
    CHECK(unsetenv("PROBE_A"));
    say("PROBE_A=%s\n", getenv("PROBE_A"));
    CHECK(unsetenv("PROBE_NEVER_SET"));
    say("getenv with = %s\n", getenv("PATH=x"));

    struct timespec a, b, res;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &a));
    struct timespec nap = { 0, 2000000 };
    CHECK(nanosleep(&nap, 0));
    CHECK_ERRNUM(clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, 0));
    clock_gettime(CLOCK_MONOTONIC, &b);
    long elapsed = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
    say("slept at least 4ms %d\n", elapsed >= 4000000);
    struct timespec abs_deadline;
    clock_gettime(CLOCK_MONOTONIC, &abs_deadline);
    CHECK_ERRNUM(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs_deadline, 0));
    CHECK(clock_getres(CLOCK_MONOTONIC, &res));
    struct timeval tv;
    CHECK(gettimeofday(&tv, 0));
    say("time agrees %d\n", time(0) - tv.tv_sec <= 1);
    CHECK(clock_gettime(CLOCK_REALTIME, &a));
    say("realtime after 2020 %d\n", a.tv_sec > 1577836800L);
    unsigned char rnd[300];
    CHECK(getrandom(rnd, 16, 0));
    CHECK(getentropy(rnd, 16));
    CHECK(getentropy(rnd, 257));
    say("strtol %ld %ld %lu %d\n", strtol("  -0x1f", 0, 0), strtol("0755", 0, 0), strtoul("42abc", 0, 10), atoi("17"));
    char *end;
    errno = 0;
    long big = strtol("99999999999999999999", &end, 10);
    say("strtol overflow %ld errno %d rest %s\n", big, errno, end);
    say("strings %zu %d %d %s %s\n", strlen("hello"), strcmp("a", "b") < 0, strncmp("abc", "abd", 2),
        strchr("hello", 'l'), strrchr("hello", 'l'));
    char *dup = strdup("copy");
    say("strdup %s strstr %s memchr %d\n", dup, strstr("haystack", "st"), memchr("abc", 'c', 3) != 0);
    free(dup);
    void *p = malloc(100), *q = calloc(10, 10);
    p = realloc(p, 100000);
    say("malloc ok %d calloc zero %d realloc ok %d\n", p != 0, ((char *)q)[99] == 0, p != 0);
    free(p);
    free(q);
    errno = 0;
    void *huge = malloc((size_t)-1 / 2);
    say("huge malloc null %d errno %d\n", huge == 0, errno);
    void *al = aligned_alloc(256, 512);
    say("aligned_alloc %d\n", ((uintptr_t)al & 255) == 0);
    free(al);
    mode_t m1 = umask(077), m2 = umask(022);
    say("umask %d %d\n", (int)m1, (int)m2);
}

/* ---- users and groups, calendar time, terminals, more files ---- */
static void show_tm(const char *label, const struct tm *tm)
{
    say("%s %d-%d-%d %d:%d:%d wday %d yday %d isdst %d gmtoff %ld\n", label, tm->tm_year + 1900, tm->tm_mon + 1,
        tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_wday, tm->tm_yday, tm->tm_isdst, tm->tm_gmtoff);
}

static void section_misc(void)
{
    struct passwd pw, *pres = 0;
    char buf[1024];
    CHECK_ERRNUM(getpwnam_r("root", &pw, buf, sizeof buf, &pres));
    say("root uid %u dir %s shell set %d\n", pres ? pw.pw_uid : 99, pres ? pw.pw_dir : "-", pres && *pw.pw_shell);
    struct group gr, *gres = 0;
    CHECK_ERRNUM(getgrgid_r(0, &gr, buf, sizeof buf, &gres));
    say("group 0 %s\n", gres ? gr.gr_name : "-");
    CHECK_ERRNUM(getgrnam_r("root", &gr, buf, sizeof buf, &gres));
    say("group root gid %u members array %d\n", gres ? gr.gr_gid : 99, gres && gr.gr_mem != 0);
    CHECK_ERRNUM(getgrgid_r(0, &gr, buf, 3, &gres));

    static const time_t times[] = { 0, -1, 951782400, 1700000000, 4102444800L, -2208988800L };
    for (unsigned i = 0; i < sizeof times / sizeof times[0]; i++) {
        struct tm tm;
        gmtime_r(&times[i], &tm);
        show_tm("gmtime", &tm);
        say("timegm back %d\n", timegm(&tm) == times[i]);
    }
    struct tm odd = { .tm_year = 100, .tm_mon = 13, .tm_mday = 0, .tm_hour = 25 };
    time_t t = timegm(&odd);
    say("timegm normalizes %ld\n", (long)t);
    show_tm("normalized", &odd);
    setenv("TZ", "UTC", 1);
    tzset();
    struct tm lt;
    t = 1700000000;
    localtime_r(&t, &lt);
    show_tm("utc local", &lt);
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    static const time_t paris[] = { 1700000000, 1690000000, 1711846800, 1711846799, 0 };
    for (unsigned i = 0; i < sizeof paris / sizeof paris[0]; i++) {
        localtime_r(&paris[i], &lt);
        show_tm("paris", &lt);
        say("zone %s mktime back %d\n", lt.tm_zone, mktime(&lt) == paris[i]);
    }
    say("tzname %s %s timezone %ld daylight %d\n", tzname[0], tzname[1], timezone, daylight);
    unsetenv("TZ");
    tzset();

    struct termios tio;
    memset(&tio, 0xff, sizeof tio);
    cfmakeraw(&tio);
    say("raw iflag %x oflag %x lflag %x cflag %x vmin %d vtime %d\n", tio.c_iflag, tio.c_oflag, tio.c_lflag,
        tio.c_cflag, tio.c_cc[VMIN], tio.c_cc[VTIME]);
    memset(&tio, 0, sizeof tio);
    CHECK(cfsetospeed(&tio, B9600));
    say("speed %u is 9600 %d\n", cfgetospeed(&tio), cfgetospeed(&tio) == B9600);
    CHECK(cfsetospeed(&tio, 12345));
    int p[2];
    pipe(p);
    CHECK_ERRNUM(ttyname_r(p[0], buf, sizeof buf));
    CHECK(tcgetpgrp(p[0]));
    CHECK(tcdrain(p[0]));
    close(p[0]);
    close(p[1]);

    struct statvfs vfs;
    CHECK(statvfs("/", &vfs));
    say("statvfs bsize>0 %d namemax %lu\n", vfs.f_bsize > 0, vfs.f_namemax);
    int fd = open("/", O_RDONLY | O_DIRECTORY);
    CHECK(fstatvfs(fd, &vfs));
    close(fd);
    CHECK(statvfs("/nonexistent", &vfs));
    CHECK(mkfifo(scratch_path("fifo"), 0600));
    struct stat st;
    stat(scratch_path("fifo"), &st);
    say("fifo %d\n", (st.st_mode & S_IFMT) == S_IFIFO);
    CHECK(mkfifo(scratch_path("fifo"), 0600));
    unlink(scratch_path("fifo"));
    mode_t old = umask(077);
    fd = open(scratch_path("masked"), O_CREAT | O_WRONLY, 0666);
    fstat(fd, &st);
    say("umask applied %d\n", (int)(st.st_mode & 0777));
    close(fd);
    unlink(scratch_path("masked"));
    umask(old);
    struct rusage ru;
    CHECK(getrusage(RUSAGE_SELF, &ru));
    errno = 0;
    int prio = getpriority(PRIO_PROCESS, 0);
    say("priority %d errno %d\n", prio, errno);
    say("cpu >= 0 %d\n", sched_getcpu() >= 0);
    CHECK(killpg(getpgrp(), 0));
    CHECK(killpg(-1, 0));
}

static int fork_log[8], fork_logged;
static void atfork_prepare(void) { fork_log[fork_logged++] = 1; }
static void atfork_parent(void) { fork_log[fork_logged++] = 2; }
static void atfork_child(void) { fork_log[fork_logged++] = 3; }

static volatile int usr1_count;
static void count_usr1(int sig) { (void)sig; usr1_count++; }

static void *kill_target(void *arg)
{
    (void)arg;
    struct timespec nap = { 0, 20000000 };
    nanosleep(&nap, 0);
    return 0;
}

static volatile int churn_stop;

static void *churn(void *arg)
{
    (void)arg;
    while (!churn_stop)
        for (size_t n = 16; n < 70000; n *= 3)
            free(malloc(n));
    return 0;
}

/* Children forked while other threads allocate can allocate too (none is left waiting for a
 * lock a thread of the parent held). */
static void fork_while_allocating(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], 0, churn, 0);
    int ok = 0, stuck = 0;
    for (int i = 0; i < 30; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            for (size_t n = 16; n < 70000; n *= 3)
                free(malloc(n));
            _exit(0);
        }
        int status = -1, waited = 0;
        for (int ms = 0; ms < 5000 && !waited; ms++) {
            waited = waitpid(pid, &status, WNOHANG) == pid;
            if (!waited) {
                struct timespec nap = { 0, 1000000 };
                nanosleep(&nap, 0);
            }
        }
        if (!waited) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            stuck++;
        } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            ok++;
        }
    }
    churn_stop = 1;
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], 0);
    say("forks while allocating: ok %d stuck %d\n", ok, stuck);
}

static void section_more(void)
{
    fork_while_allocating();
    int p[2];
    pipe(p);
    write(p[1], "x", 1);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    struct timeval tv = { 1, 0 };
    CHECK(select(p[0] + 1, &r, 0, 0, &tv));
    say("select readable %d\n", FD_ISSET(p[0], &r));
    struct timespec ts = { 0, 1000000 };
    FD_ZERO(&r);
    FD_SET(p[1], &r);
    CHECK(pselect(p[1] + 1, &r, 0, 0, &ts, 0));
    struct pollfd pfd = { p[0], POLLIN, 0 };
    CHECK(ppoll(&pfd, 1, &ts, 0));
    say("ppoll revents %d\n", pfd.revents);
    close(p[0]);
    close(p[1]);

    say("alarm first %u\n", alarm(100));
    say("alarm left %u\n", alarm(0));
    struct itimerval itv;
    CHECK(getitimer(ITIMER_REAL, &itv));
    say("itimer off %d\n", itv.it_value.tv_sec == 0 && itv.it_value.tv_usec == 0);
    gid_t groups[64];
    int ng = getgroups(64, groups);
    say("getgroups ok %d\n", ng >= 0);

    signal(SIGUSR1, count_usr1);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, 0);
    raise(SIGUSR1);
    siginfo_t info;
    CHECK(sigtimedwait(&set, &info, &ts));
    say("waited signo %d handler count %d\n", info.si_signo, usr1_count); /* glibc rewrites si_code SI_TKILL as SI_USER here, musl does not */
    CHECK(sigtimedwait(&set, &info, &ts));
    raise(SIGUSR1);
    int sig = 0;
    CHECK_ERRNUM(sigwait(&set, &sig));
    say("sigwait %d\n", sig);
    pthread_sigmask(SIG_UNBLOCK, &set, 0);
    pthread_t t;
    pthread_create(&t, 0, kill_target, 0);
    CHECK_ERRNUM(pthread_kill(t, SIGUSR1));
    pthread_join(t, 0);
    say("pthread_kill delivered %d\n", usr1_count);
    CHECK_ERRNUM(pthread_kill(pthread_self(), 0));
    signal(SIGUSR1, SIG_DFL);

    CHECK_ERRNUM(pthread_atfork(atfork_prepare, atfork_parent, atfork_child));
    pid_t pid = fork();
    if (pid == 0)
        _exit(fork_logged * 10 + fork_log[fork_logged - 1]);
    int status;
    waitpid(pid, &status, 0);
    say("atfork parent log %d %d child exit %d\n", fork_log[0], fork_log[1], WEXITSTATUS(status));

    char tmpl[600];
    strcpy(tmpl, scratch_path("tmpXXXXXX"));
    int fd = mkstemp(tmpl);
    say("mkstemp ok %d name changed %d\n", fd >= 0, strstr(tmpl, "XXXXXX") == 0);
    CHECK_ERRNUM(posix_fallocate(fd, 0, 5000));
    struct stat st;
    fstat(fd, &st);
    say("fallocated size %ld\n", (long)st.st_size);
    CHECK_ERRNUM(posix_fadvise(fd, 0, 0, 0));
    struct iovec iov[2] = { { "abc", 3 }, { "def", 3 } };
    CHECK(pwritev(fd, iov, 2, 10));
    char b1[4] = { 0 }, b2[4] = { 0 };
    struct iovec riov[2] = { { b1, 2 }, { b2, 3 } };
    CHECK(preadv(fd, riov, 2, 10));
    say("preadv %s %s\n", b1, b2);
    struct timeval times[2] = { { 100, 5 }, { 200, 7 } };
    CHECK(futimes(fd, times));
    CHECK(utimes(tmpl, times));
    stat(tmpl, &st);
    say("utimes mtime %ld.%ld\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    close(fd);
    unlink(tmpl);
    strcpy(tmpl, scratch_path("bad"));
    CHECK(mkstemp(tmpl));
    strcpy(tmpl, scratch_path("dXXXXXX"));
    say("mkdtemp ok %d\n", mkdtemp(tmpl) != 0);
    stat(tmpl, &st);
    say("mkdtemp dir %d mode %d\n", S_ISDIR(st.st_mode), (int)(st.st_mode & 0777));
    rmdir(tmpl);

    say("pathconf name %ld pipe %ld\n", pathconf("/", _PC_NAME_MAX), fpathconf(0, _PC_PIPE_BUF));
    say("dlopen null %d\n", dlopen("libnothing-here.so", RTLD_NOW) == 0);
    struct sysinfo si;
    CHECK(sysinfo(&si));
    say("uptime > 0 %d\n", si.uptime > 0);
    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec its = { { 0, 0 }, { 0, 1000000 } };
    CHECK(timerfd_settime(tfd, 0, &its, 0));
    uint64_t expirations = 0;
    CHECK(read(tfd, &expirations, 8));
    say("timerfd expirations %lu\n", (unsigned long)expirations);
    close(tfd);
    int ifd = inotify_init1(IN_CLOEXEC);
    say("inotify ok %d\n", ifd >= 0);
    close(ifd);
    char buf[64];
    CHECK_ERRNUM(xsi_strerror_r(EINVAL, buf, sizeof buf));
    say("%s\n", buf);
    int m, sl;
    char name[64];
    int pr = openpty(&m, &sl, name, 0, 0);
    say("openpty %d name %d tty %d\n", pr, pr == 0 && !strncmp(name, "/dev/pts/", 9), pr == 0 && isatty(sl));
    if (pr == 0) {
        close(m);
        close(sl);
    }
}

static int atexit_order;
static int constructed;

__attribute__((constructor)) static void constructor(void) { constructed++; }
__attribute__((destructor)) static void destructor(void) { say("destructor (order %d)\n", atexit_order++); }

static void at_exit_first(void) { say("atexit first (order %d)\n", atexit_order++); }
static void at_exit_second(void) { say("atexit second (order %d)\n", atexit_order++); }

static void section_exit(void)
{
    say("constructor ran %d\n", constructed);
    atexit(at_exit_first);
    atexit(at_exit_second);
}

static const struct {
    const char *name;
    void (*run)(void);
} sections[] = {
    { "abi", section_abi },         { "errno", section_errno },     { "threads", section_threads },
    { "signals", section_signals }, { "spawn", section_spawn },     { "files", section_files },
    { "io", section_io },           { "resolve", section_resolve }, { "system", section_system },
    { "misc", section_misc },       { "more", section_more },       { "exit", section_exit },
};

int main(int argc, char **argv)
{
    const char *tmp = getenv("TMPDIR");
    strcpy(scratch, tmp ? tmp : "/tmp");
    strcat(scratch, "/libc-probe-");
    char digits[16];
    int n = 0, pid = getpid();
    do
        digits[n++] = (char)('0' + pid % 10);
    while (pid /= 10);
    size_t len = strlen(scratch);
    while (n)
        scratch[len++] = digits[--n];
    scratch[len] = 0;
    mkdir(scratch, 0700);
    for (unsigned i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        int wanted = argc < 2;
        for (int a = 1; a < argc; a++)
            wanted |= !strcmp(argv[a], sections[i].name);
        if (wanted) {
            say("== %s\n", sections[i].name);
            sections[i].run();
        }
    }
    rmdir(scratch);
    return 0;
}
