/*
 * libastra's C library for the unix target (x86_64-astra-linux-musl): the declarations of
 * what libastra-unix.a defines, with musl's x86_64 ABI (the ABI the Rust libc crate's
 * linux/musl definitions describe). Written from the ABI facts, not from musl's headers.
 * One header for the whole layer: C programs built against the layer (tests/libc/) include it
 * instead of a libc's headers. Constants and kernel structs come from astra/abi.h.
 */
#ifndef ASTRA_LIBC_H
#define ASTRA_LIBC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <astra/abi.h>
#include <astra/dl.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- basic types ---- */
typedef long ssize_t;
typedef long off_t;
typedef long time_t;
typedef long clock_t;
typedef int pid_t;
typedef unsigned uid_t;
typedef unsigned gid_t;
typedef int id_t;
typedef unsigned mode_t;
typedef unsigned long nlink_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef int clockid_t;
typedef unsigned socklen_t;
typedef unsigned short sa_family_t;
typedef unsigned long nfds_t;
typedef unsigned long rlim_t;

/* ---- errno: Linux's values ---- */
int *__errno_location(void);
#define errno (*__errno_location())
enum {
#define ASTRA_LIBC_ERRNO(name, num) name = num,
    ASTRA_ERRNO_LIST(ASTRA_LIBC_ERRNO)
#undef ASTRA_LIBC_ERRNO
};
#define EWOULDBLOCK EAGAIN
#define ENOTSUP EOPNOTSUPP
#define EDEADLOCK EDEADLK

/* ---- time ---- */
struct timespec { time_t tv_sec; long tv_nsec; };
struct timeval { time_t tv_sec; long tv_usec; };
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1
int clock_gettime(clockid_t clk, struct timespec *ts);
int clock_getres(clockid_t clk, struct timespec *ts);
int clock_settime(clockid_t clk, const struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem);
int gettimeofday(struct timeval *tv, void *tz);
time_t time(time_t *t);
struct tm {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
    long tm_gmtoff;
    const char *tm_zone;
};
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
time_t timegm(struct tm *tm);
time_t mktime(struct tm *tm);
void tzset(void);
extern char *tzname[2];
extern long timezone;
extern int daylight;
unsigned sleep(unsigned seconds);
struct itimerval { struct timeval it_interval, it_value; };
#define ITIMER_REAL 0
int getitimer(int which, struct itimerval *v);
int setitimer(int which, const struct itimerval *restrict v, struct itimerval *restrict old);
unsigned alarm(unsigned seconds);
int usleep(unsigned usec);

/* ---- memory and strings ---- */
void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);
void free(void *p);
int posix_memalign(void **out, size_t align, size_t n);
void *aligned_alloc(size_t align, size_t n);
void *memalign(size_t align, size_t n);
size_t malloc_usable_size(void *p);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int bcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strcpy(char *restrict d, const char *restrict s);
char *strncpy(char *restrict d, const char *restrict s, size_t n);
char *strcat(char *restrict d, const char *restrict s);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strstr(const char *h, const char *n);
char *strerror(int e);
int __xpg_strerror_r(int e, char *buf, size_t len);
int strerror_r(int e, char *buf, size_t len); /* the XSI one, as musl's */

/* ---- environment, exit ---- */
extern char **environ;
char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int clearenv(void);
unsigned long getauxval(unsigned long type);
_Noreturn void exit(int status);
_Noreturn void _exit(int status);
_Noreturn void _Exit(int status);
_Noreturn void abort(void);
int atexit(void (*fn)(void));
int __cxa_atexit(void (*fn)(void *), void *arg, void *dso);
int __cxa_thread_atexit_impl(void (*fn)(void *), void *obj, void *dso);
int atoi(const char *s);
long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);

/* ---- files ---- */
#define O_RDONLY ASTRA_O_RDONLY
#define O_WRONLY ASTRA_O_WRONLY
#define O_RDWR ASTRA_O_RDWR
#define O_ACCMODE ASTRA_O_ACCMODE
#define O_CREAT ASTRA_O_CREAT
#define O_EXCL ASTRA_O_EXCL
#define O_NOCTTY ASTRA_O_NOCTTY
#define O_TRUNC ASTRA_O_TRUNC
#define O_APPEND ASTRA_O_APPEND
#define O_NONBLOCK ASTRA_O_NONBLOCK
#define O_DIRECTORY ASTRA_O_DIRECTORY
#define O_NOFOLLOW ASTRA_O_NOFOLLOW
#define O_CLOEXEC ASTRA_O_CLOEXEC
#define O_SYNC ASTRA_O_SYNC
#define O_DSYNC ASTRA_O_DSYNC
#define O_PATH 010000000
#define AT_FDCWD ASTRA_AT_FDCWD
#define AT_SYMLINK_NOFOLLOW ASTRA_AT_SYMLINK_NOFOLLOW
#define AT_REMOVEDIR ASTRA_AT_REMOVEDIR
#define AT_SYMLINK_FOLLOW ASTRA_AT_SYMLINK_FOLLOW
#define AT_EMPTY_PATH ASTRA_AT_EMPTY_PATH
#define F_DUPFD ASTRA_F_DUPFD
#define F_GETFD ASTRA_F_GETFD
#define F_SETFD ASTRA_F_SETFD
#define F_GETFL ASTRA_F_GETFL
#define F_SETFL ASTRA_F_SETFL
#define F_DUPFD_CLOEXEC ASTRA_F_DUPFD_CLOEXEC
#define FD_CLOEXEC ASTRA_FD_CLOEXEC
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8
#define UTIME_NOW ASTRA_UTIME_NOW
#define UTIME_OMIT ASTRA_UTIME_OMIT
#define S_IFMT ASTRA_S_IFMT
#define S_IFDIR ASTRA_S_IFDIR
#define S_IFREG ASTRA_S_IFREG
#define S_IFLNK ASTRA_S_IFLNK
#define S_IFIFO ASTRA_S_IFIFO
#define S_IFCHR ASTRA_S_IFCHR
#define S_IFSOCK ASTRA_S_IFSOCK
#define S_IFBLK ASTRA_S_IFBLK
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define PATH_MAX 4096
#define NAME_MAX 255

/* musl's x86_64 struct stat: the kernel's, 144 bytes. */
struct stat {
    dev_t st_dev;
    ino_t st_ino;
    nlink_t st_nlink;
    mode_t st_mode;
    uid_t st_uid;
    gid_t st_gid;
    unsigned int __pad0;
    dev_t st_rdev;
    off_t st_size;
    blksize_t st_blksize;
    blkcnt_t st_blocks;
    struct timespec st_atim;
    struct timespec st_mtim;
    struct timespec st_ctim;
    long __unused[3];
};

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int close(int fd);
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
struct iovec { void *iov_base; size_t iov_len; };
ssize_t readv(int fd, const struct iovec *iov, int n);
ssize_t writev(int fd, const struct iovec *iov, int n);
off_t lseek(int fd, off_t off, int whence);
int fstat(int fd, struct stat *st);
int stat(const char *restrict path, struct stat *restrict st);
int lstat(const char *restrict path, struct stat *restrict st);
int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags);
int fcntl(int fd, int cmd, ...);
int ioctl(int fd, int req, ...);
int dup(int fd);
int dup2(int fd, int newfd);
int dup3(int fd, int newfd, int flags);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);
int rmdir(const char *path);
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flags);
int link(const char *old, const char *new_);
int linkat(int olddirfd, const char *old, int newdirfd, const char *new_, int flags);
int symlink(const char *target, const char *path);
int symlinkat(const char *target, int dirfd, const char *path);
ssize_t readlink(const char *restrict path, char *restrict buf, size_t n);
ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t n);
int rename(const char *old, const char *new_);
int renameat(int olddirfd, const char *old, int newdirfd, const char *new_);
int renameat2(int olddirfd, const char *old, int newdirfd, const char *new_, unsigned flags);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);
int chown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
mode_t umask(mode_t mask);
int mknod(const char *path, mode_t mode, dev_t dev);
int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev);
int mkfifo(const char *path, mode_t mode);
int mkfifoat(int dirfd, const char *path, mode_t mode);
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);
int utimes(const char *path, const struct timeval tv[2]);
int lutimes(const char *path, const struct timeval tv[2]);
int futimes(int fd, const struct timeval tv[2]);
int posix_fallocate(int fd, off_t off, off_t len);
int posix_fadvise(int fd, off_t off, off_t len, int advice);
int fallocate(int fd, int mode, off_t off, off_t len);
ssize_t preadv(int fd, const struct iovec *iov, int n, off_t off);
ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t off);
int flock(int fd, int op);
int fsync(int fd);
int fdatasync(int fd);
int ftruncate(int fd, off_t len);
int truncate(const char *path, off_t len);
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode, int flags);
char *getcwd(char *buf, size_t n);
int chdir(const char *path);
int fchdir(int fd);
int chroot(const char *path);
char *realpath(const char *restrict path, char *restrict resolved);
int isatty(int fd);

/* ---- directories: musl's struct dirent (the kernel's dirent64 record, 280 bytes) ---- */
struct dirent {
    ino_t d_ino;
    off_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[256];
};
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
typedef struct astra_dir DIR;
DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
int dirfd(DIR *d);
void rewinddir(DIR *d);

/* ---- memory mappings ---- */
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS
#define MAP_NORESERVE 0x4000
#define MAP_STACK 0x20000
#define MAP_FAILED ((void *)-1)
#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int madvise(void *addr, size_t len, int advice);
int msync(void *addr, size_t len, int flags);
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
int mlock(const void *addr, size_t len);
int munlock(const void *addr, size_t len);
int mlockall(int flags);
int munlockall(void);
int memfd_create(const char *name, unsigned flags);

/* ---- processes ---- */
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
pid_t getsid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t setsid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
int setgroups(size_t n, const gid_t *groups);
int getgroups(int n, gid_t *list);
int setresuid(uid_t r, uid_t e, uid_t s);
int setresgid(gid_t r, gid_t e, gid_t s);
int seteuid(uid_t e);
int setegid(gid_t e);
void sync(void);
int syncfs(int fd);
int mkstemp(char *tmpl);
int mkostemp(char *tmpl, int flags);
int mkostemps(char *tmpl, int suffix, int flags);
char *mkdtemp(char *tmpl);
#define _PC_LINK_MAX 0
#define _PC_MAX_CANON 1
#define _PC_MAX_INPUT 2
#define _PC_NAME_MAX 3
#define _PC_PATH_MAX 4
#define _PC_PIPE_BUF 5
#define _PC_CHOWN_RESTRICTED 6
#define _PC_NO_TRUNC 7
#define _PC_VDISABLE 8
long pathconf(const char *path, int name);
long fpathconf(int fd, int name);
#define RTLD_LAZY 1
#define RTLD_NOW 2
#define RTLD_DEFAULT ((void *)0)
void *dlopen(const char *file, int mode);
void *dlsym(void *restrict handle, const char *restrict name);
int dlclose(void *handle);
char *dlerror(void);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
#define WNOHANG 1
#define WUNTRACED 2
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x01000000
#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WIFEXITED(s) (!WTERMSIG(s))
#define WIFSIGNALED(s) (((s) & 0xffff) - 1U < 0xffu)
typedef enum { P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3 } idtype_t;
struct rusage { struct timeval ru_utime, ru_stime; long __reserved[14]; };
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);

/* ---- signals: musl's 128-byte sigset_t and 152-byte struct sigaction ---- */
typedef struct { unsigned long __bits[128 / sizeof(long)]; } sigset_t;
union sigval { int sival_int; void *sival_ptr; };
/* The kernel's siginfo (astra_siginfo), with the fields a program reads. */
typedef struct {
    int si_signo, si_errno, si_code;
    int __pad0;
    union {
        struct { pid_t si_pid; uid_t si_uid; int si_status; int __pad1; long si_utime, si_stime; } __c;
        void *si_addr;
        char __pad[128 - 16];
    } __u;
} siginfo_t;
#define si_pid __u.__c.si_pid
#define si_uid __u.__c.si_uid
#define si_status __u.__c.si_status
#define si_addr __u.si_addr
struct sigaction {
    union {
        void (*sa_handler)(int);
        void (*sa_sigaction)(int, siginfo_t *, void *);
    } __sa_handler;
    sigset_t sa_mask;
    int sa_flags;
    void (*sa_restorer)(void);
};
#define sa_handler __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction
typedef struct { void *ss_sp; int ss_flags; size_t ss_size; } stack_t;
#define SIG_DFL ((void (*)(int))0)
#define SIG_IGN ((void (*)(int))1)
#define SIG_ERR ((void (*)(int))-1)
#define SA_NOCLDSTOP ASTRA_SA_NOCLDSTOP
#define SA_NOCLDWAIT ASTRA_SA_NOCLDWAIT
#define SA_SIGINFO ASTRA_SA_SIGINFO
#define SA_ONSTACK ASTRA_SA_ONSTACK
#define SA_RESTART ASTRA_SA_RESTART
#define SA_NODEFER ASTRA_SA_NODEFER
#define SA_RESETHAND ASTRA_SA_RESETHAND
#define SA_RESTORER ASTRA_SA_RESTORER
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGWINCH 28
#define SIGSYS 31
#define NSIG 65
typedef void (*sighandler_t)(int);
sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info, const struct timespec *restrict ts);
int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info);
int sigwait(const sigset_t *restrict set, int *restrict sig);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *set);
int raise(int sig);
int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int pause(void);
int waitid(idtype_t type, id_t id, siginfo_t *info, int options);

/* ---- threads: musl's x86_64 sizes; the contents are libastra's ---- */
typedef unsigned long pthread_t;
typedef union { long __l[7]; } pthread_attr_t;                   /* 56 bytes */
typedef union { long __l[5]; int __i[10]; } pthread_mutex_t;    /* 40 */
typedef struct { unsigned __attr; } pthread_mutexattr_t;
typedef union { long __l[6]; int __i[12]; } pthread_cond_t;     /* 48 */
typedef struct { unsigned __attr; } pthread_condattr_t;
typedef union { long __l[7]; int __i[14]; } pthread_rwlock_t;   /* 56 */
typedef struct { unsigned __attr[2]; } pthread_rwlockattr_t;
typedef unsigned pthread_key_t;
typedef int pthread_once_t;
#define PTHREAD_MUTEX_INITIALIZER {{ 0 }}
#define PTHREAD_COND_INITIALIZER {{ 0 }}
#define PTHREAD_RWLOCK_INITIALIZER {{ 0 }}
#define PTHREAD_ONCE_INIT 0
#define PTHREAD_MUTEX_NORMAL 0
#define PTHREAD_MUTEX_DEFAULT 0
#define PTHREAD_MUTEX_RECURSIVE 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
#define PTHREAD_KEYS_MAX 128
#define PTHREAD_STACK_MIN 2048
int pthread_create(pthread_t *restrict t, const pthread_attr_t *restrict attr,
                   void *(*start)(void *), void *restrict arg);
int pthread_join(pthread_t t, void **result);
int pthread_detach(pthread_t t);
_Noreturn void pthread_exit(void *result);
pthread_t pthread_self(void);
int pthread_kill(pthread_t t, int sig);
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));
int pthread_equal(pthread_t a, pthread_t b);
int pthread_attr_init(pthread_attr_t *a);
int pthread_attr_destroy(pthread_attr_t *a);
int pthread_attr_setstacksize(pthread_attr_t *a, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *restrict a, size_t *restrict size);
int pthread_attr_getstack(const pthread_attr_t *restrict a, void **restrict addr, size_t *restrict size);
int pthread_attr_setguardsize(pthread_attr_t *a, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t *restrict a, size_t *restrict size);
int pthread_attr_setdetachstate(pthread_attr_t *a, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *a, int *state);
int pthread_getattr_np(pthread_t t, pthread_attr_t *a);
int pthread_setname_np(pthread_t t, const char *name);
int pthread_getname_np(pthread_t t, char *name, size_t len);
int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);
int pthread_once(pthread_once_t *once, void (*fn)(void));
int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict a);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutexattr_init(pthread_mutexattr_t *a);
int pthread_mutexattr_destroy(pthread_mutexattr_t *a);
int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type);
int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m);
int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                           const struct timespec *restrict abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);
int pthread_condattr_init(pthread_condattr_t *a);
int pthread_condattr_destroy(pthread_condattr_t *a);
int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t clk);
int pthread_rwlock_init(pthread_rwlock_t *restrict l, const pthread_rwlockattr_t *restrict a);
int pthread_rwlock_destroy(pthread_rwlock_t *l);
int pthread_rwlock_rdlock(pthread_rwlock_t *l);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *l);
int pthread_rwlock_wrlock(pthread_rwlock_t *l);
int pthread_rwlock_trywrlock(pthread_rwlock_t *l);
int pthread_rwlock_unlock(pthread_rwlock_t *l);
int sched_yield(void);
int sched_getcpu(void);
typedef struct { unsigned long __bits[128 / sizeof(long)]; } cpu_set_t;
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set);
int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set);

/* ---- posix_spawn: musl's layouts (file actions 80 bytes, attributes 336) ---- */
typedef struct { int __pad0[2]; void *__actions; int __pad[16]; } posix_spawn_file_actions_t;
typedef struct {
    int __flags;
    pid_t __pgrp;
    sigset_t __def, __mask;
    int __prio, __pol;
    void *__fn;
    char __pad[64 - sizeof(void *)];
} posix_spawnattr_t;
#define POSIX_SPAWN_RESETIDS 1
#define POSIX_SPAWN_SETPGROUP 2
#define POSIX_SPAWN_SETSIGDEF 4
#define POSIX_SPAWN_SETSIGMASK 8
#define POSIX_SPAWN_SETSCHEDPARAM 16
#define POSIX_SPAWN_SETSCHEDULER 32
#define POSIX_SPAWN_USEVFORK 64
#define POSIX_SPAWN_SETSID 128
int posix_spawn(pid_t *restrict pid, const char *restrict path, const posix_spawn_file_actions_t *fa,
                const posix_spawnattr_t *restrict attr, char *const argv[restrict],
                char *const envp[restrict]);
int posix_spawnp(pid_t *restrict pid, const char *restrict file, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *restrict attr, char *const argv[restrict],
                 char *const envp[restrict]);
int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa);
int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd);
int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd);
int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd,
                                     const char *restrict path, int flags, mode_t mode);
int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *restrict fa,
                                         const char *restrict path);
int posix_spawnattr_init(posix_spawnattr_t *a);
int posix_spawnattr_destroy(posix_spawnattr_t *a);
int posix_spawnattr_setflags(posix_spawnattr_t *a, short flags);
int posix_spawnattr_getflags(const posix_spawnattr_t *restrict a, short *restrict flags);
int posix_spawnattr_setpgroup(posix_spawnattr_t *a, pid_t pgrp);
int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict a, const sigset_t *restrict set);
int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict a, const sigset_t *restrict set);

/* ---- sockets ---- */
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define PF_INET AF_INET
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_NONBLOCK ASTRA_SOCK_NONBLOCK
#define SOCK_CLOEXEC ASTRA_SOCK_CLOEXEC
#define SOL_SOCKET 1
#define SO_REUSEADDR 2
#define SO_ERROR 4
#define SO_KEEPALIVE 9
#define IPPROTO_IP 0
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_IPV6 41
#define MSG_PEEK 0x02
#define MSG_DONTWAIT 0x40
#define MSG_NOSIGNAL 0x4000
#define MSG_CMSG_CLOEXEC 0x40000000
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2
struct sockaddr { sa_family_t sa_family; char sa_data[14]; };
struct sockaddr_storage { sa_family_t ss_family; char __ss_padding[118]; unsigned long __ss_align; };
struct in_addr { uint32_t s_addr; };
struct sockaddr_in { sa_family_t sin_family; uint16_t sin_port; struct in_addr sin_addr; uint8_t sin_zero[8]; };
struct in6_addr { uint8_t s6_addr[16]; };
struct sockaddr_in6 {
    sa_family_t sin6_family;
    uint16_t sin6_port;
    uint32_t sin6_flowinfo;
    struct in6_addr sin6_addr;
    uint32_t sin6_scope_id;
};
struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; };
/* musl's msghdr: int lengths padded to the kernel's size_t ones. */
struct msghdr {
    void *msg_name;
    socklen_t msg_namelen;
    struct iovec *msg_iov;
    int msg_iovlen, __pad1;
    void *msg_control;
    socklen_t msg_controllen;
    int __pad2;
    int msg_flags;
};
struct cmsghdr { socklen_t cmsg_len; int __pad1; int cmsg_level; int cmsg_type; };
int socket(int domain, int type, int proto);
int socketpair(int domain, int type, int proto, int fds[2]);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *restrict addr, socklen_t *restrict len);
int accept4(int fd, struct sockaddr *restrict addr, socklen_t *restrict len, int flags);
ssize_t send(int fd, const void *buf, size_t n, int flags);
ssize_t recv(int fd, void *buf, size_t n, int flags);
ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *addr, socklen_t len);
ssize_t recvfrom(int fd, void *restrict buf, size_t n, int flags, struct sockaddr *restrict addr,
                 socklen_t *restrict len);
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
struct mmsghdr { struct msghdr msg_hdr; unsigned msg_len; };
int sendmmsg(int fd, struct mmsghdr *msgs, unsigned n, unsigned flags);
int recvmmsg(int fd, struct mmsghdr *msgs, unsigned n, unsigned flags, struct timespec *timeout);
int shutdown(int fd, int how);
int getsockname(int fd, struct sockaddr *restrict addr, socklen_t *restrict len);
int getpeername(int fd, struct sockaddr *restrict addr, socklen_t *restrict len);
int getsockopt(int fd, int level, int name, void *restrict val, socklen_t *restrict len);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
uint16_t htons(uint16_t v);
uint16_t ntohs(uint16_t v);
uint32_t htonl(uint32_t v);
uint32_t ntohl(uint32_t v);

struct addrinfo {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    socklen_t ai_addrlen;
    struct sockaddr *ai_addr;
    char *ai_canonname;
    struct addrinfo *ai_next;
};
#define AI_PASSIVE 0x01
#define AI_CANONNAME 0x02
#define AI_NUMERICHOST 0x04
#define AI_V4MAPPED 0x08
#define AI_ALL 0x10
#define AI_ADDRCONFIG 0x20
#define AI_NUMERICSERV 0x400
#define EAI_BADFLAGS -1
#define EAI_NONAME -2
#define EAI_AGAIN -3
#define EAI_FAIL -4
#define EAI_NODATA -5
#define EAI_FAMILY -6
#define EAI_SOCKTYPE -7
#define EAI_SERVICE -8
#define EAI_MEMORY -10
#define EAI_SYSTEM -11
#define EAI_OVERFLOW -12
int getaddrinfo(const char *restrict host, const char *restrict serv, const struct addrinfo *restrict hints,
                struct addrinfo **restrict res);
void freeaddrinfo(struct addrinfo *ai);
const char *gai_strerror(int code);

/* ---- polling and events ---- */
struct pollfd { int fd; short events, revents; };
#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
int poll(struct pollfd *fds, nfds_t n, int timeout);
int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts, const sigset_t *mask);
typedef struct { unsigned long fds_bits[1024 / (8 * sizeof(long))]; } fd_set;
#define FD_SETSIZE 1024
#define FD_ZERO(s) memset((s), 0, sizeof(fd_set))
#define FD_SET(d, s) ((s)->fds_bits[(d) / (8 * sizeof(long))] |= 1UL << ((d) % (8 * sizeof(long))))
#define FD_CLR(d, s) ((s)->fds_bits[(d) / (8 * sizeof(long))] &= ~(1UL << ((d) % (8 * sizeof(long)))))
#define FD_ISSET(d, s) (!!((s)->fds_bits[(d) / (8 * sizeof(long))] & (1UL << ((d) % (8 * sizeof(long))))))
int select(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e, struct timeval *restrict tv);
int pselect(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e, const struct timespec *restrict ts,
            const sigset_t *restrict mask);
struct itimerspec { struct timespec it_interval, it_value; };
int timerfd_create(int clk, int flags);
int timerfd_settime(int fd, int flags, const struct itimerspec *v, struct itimerspec *old);
int timerfd_gettime(int fd, struct itimerspec *v);
int signalfd(int fd, const sigset_t *mask, int flags);
#define IN_CLOEXEC O_CLOEXEC
#define IN_NONBLOCK O_NONBLOCK
int inotify_init(void);
int inotify_init1(int flags);
int inotify_add_watch(int fd, const char *path, uint32_t mask);
int inotify_rm_watch(int fd, int wd);
typedef union epoll_data { void *ptr; int fd; uint32_t u32; uint64_t u64; } epoll_data_t;
struct epoll_event { uint32_t events; epoll_data_t data; } __attribute__((packed));
#define EPOLLIN 0x001
#define EPOLLPRI 0x002
#define EPOLLOUT 0x004
#define EPOLLERR 0x008
#define EPOLLHUP 0x010
#define EPOLLRDHUP 0x2000
#define EPOLLET (1U << 31)
#define EPOLL_CLOEXEC O_CLOEXEC
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
int epoll_create(int size);
int epoll_create1(int flags);
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int epoll_wait(int epfd, struct epoll_event *evs, int n, int timeout);
int epoll_pwait(int epfd, struct epoll_event *evs, int n, int timeout, const sigset_t *mask);
#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC O_CLOEXEC
#define EFD_NONBLOCK O_NONBLOCK
int eventfd(unsigned initval, int flags);
#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4
ssize_t getrandom(void *buf, size_t n, unsigned flags);
int getentropy(void *buf, size_t n);
long syscall(long nr, ...);
ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count);
ssize_t splice(int fd_in, off_t *off_in, int fd_out, off_t *off_out, size_t len, unsigned flags);

/* ---- system information ---- */
struct utsname { char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65]; };
int uname(struct utsname *u);
int gethostname(char *name, size_t len);
#define _SC_ARG_MAX 0
#define _SC_CHILD_MAX 1
#define _SC_CLK_TCK 2
#define _SC_NGROUPS_MAX 3
#define _SC_OPEN_MAX 4
#define _SC_PAGESIZE 30
#define _SC_PAGE_SIZE 30
#define _SC_IOV_MAX 60
#define _SC_GETGR_R_SIZE_MAX 69
#define _SC_GETPW_R_SIZE_MAX 70
#define _SC_LOGIN_NAME_MAX 71
#define _SC_THREAD_STACK_MIN 75
#define _SC_NPROCESSORS_CONF 83
#define _SC_NPROCESSORS_ONLN 84
#define _SC_PHYS_PAGES 85
#define _SC_HOST_NAME_MAX 180
#define _SC_SYMLOOP_MAX 173
#define _SC_MINSIGSTKSZ 249
#define _SC_SIGSTKSZ 250
long sysconf(int name);
struct sysinfo {
    unsigned long uptime;
    unsigned long loads[3];
    unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    unsigned short procs, pad;
    unsigned long totalhigh, freehigh;
    unsigned mem_unit;
    char __reserved[256];
};
int sysinfo(struct sysinfo *info);
int getpagesize(void);
struct rlimit { rlim_t rlim_cur, rlim_max; };
#define RLIM_INFINITY (~0UL)
#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
int getrlimit(int res, struct rlimit *rl);
int prlimit(pid_t pid, int res, const struct rlimit *new_limit, struct rlimit *old_limit);
int prctl(int option, ...);
int nice(int inc);
int getloadavg(double *loads, int n);
char *getlogin(void);
int getlogin_r(char *name, size_t len);
struct tms { clock_t tms_utime, tms_stime, tms_cutime, tms_cstime; };
clock_t times(struct tms *buf);
int setrlimit(int res, const struct rlimit *rl);
struct passwd {
    char *pw_name, *pw_passwd;
    uid_t pw_uid;
    gid_t pw_gid;
    char *pw_gecos, *pw_dir, *pw_shell;
};
int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len, struct passwd **result);
int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len, struct passwd **result);
struct group { char *gr_name, *gr_passwd; gid_t gr_gid; char **gr_mem; };
int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t len, struct group **result);
int getgrnam_r(const char *name, struct group *gr, char *buf, size_t len, struct group **result);
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
int getrusage(int who, struct rusage *ru);
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
int getpriority(int which, id_t who);
int setpriority(int which, id_t who, int prio);
struct statvfs {
    unsigned long f_bsize, f_frsize;
    unsigned long f_blocks, f_bfree, f_bavail;
    unsigned long f_files, f_ffree, f_favail;
    unsigned long f_fsid;
    unsigned long f_flag, f_namemax;
    unsigned f_type;
    int __reserved[5];
};
int statvfs(const char *restrict path, struct statvfs *restrict s);
int fstatvfs(int fd, struct statvfs *s);
int dl_iterate_phdr(int (*callback)(struct dl_phdr_info *info, size_t size, void *data), void *data);

/* ---- terminals: musl's struct termios (60 bytes; the kernel fills the first 36) ---- */
typedef unsigned char cc_t;
typedef unsigned speed_t;
typedef unsigned tcflag_t;
struct termios {
    tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
    cc_t c_line;
    cc_t c_cc[32];
    speed_t __c_ispeed, __c_ospeed;
};
#define TCSANOW 0
#define TCSADRAIN 1
#define TCSAFLUSH 2
#define TIOCGWINSZ ASTRA_TIOCGWINSZ
#define FIONBIO ASTRA_FIONBIO
#define FIOCLEX ASTRA_FIOCLEX
struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; };
int tcgetattr(int fd, struct termios *t);
int tcsendbreak(int fd, int duration);
int tcflow(int fd, int action);
pid_t tcgetsid(int fd);
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
int ptsname_r(int fd, char *buf, size_t len);
char *ptsname(int fd);
int openpty(int *master, int *slave, char *name, const struct termios *tio, const struct winsize *ws);
int tcsetattr(int fd, int act, const struct termios *t);
int tcdrain(int fd);
int tcflush(int fd, int queue);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
void cfmakeraw(struct termios *t);
speed_t cfgetospeed(const struct termios *t);
speed_t cfgetispeed(const struct termios *t);
int cfsetospeed(struct termios *t, speed_t speed);
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetspeed(struct termios *t, speed_t speed);
int ttyname_r(int fd, char *name, size_t len);
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2
#define IGNBRK 0000001
#define BRKINT 0000002
#define PARMRK 0000010
#define ISTRIP 0000040
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IXON 0002000
#define OPOST 0000001
#define ONLCR 0000004
#define CSIZE 0000060
#define CS8 0000060
#define CREAD 0000200
#define PARENB 0000400
#define CBAUD 0010017
#define B0 0000000
#define B9600 0000015
#define B38400 0000017
#define B115200 0010002
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHONL 0000100
#define IEXTEN 0100000
#define VTIME 5
#define VMIN 6

#ifdef __cplusplus
}
#endif

#endif
