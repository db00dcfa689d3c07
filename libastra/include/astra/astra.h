/*
 * libastra's C API: the hermit-abi 0.5.2 contract that Rust std's Hermit backend calls, plus
 * a few file operations std's backend does not use (rename, getcwd, chdir, ftruncate, fsync,
 * readlink, symlink, link, isatty). Unless noted, a function returns its result (>= 0) or
 * -errno, with Linux's errno values (hermit-abi uses the same), and records the error for
 * sys_get_errno(). Types and constants are hermit-abi's (astra/hermit.h).
 */
#ifndef ASTRA_ASTRA_H
#define ASTRA_ASTRA_H

#include <stddef.h>
#include <stdint.h>

#include <astra/hermit.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- errors ---- */
int sys_get_errno(void);
int sys_errno(void);

/* ---- process ---- */
_Noreturn void sys_exit(int32_t status);
_Noreturn void sys_abort(void);
hermit_pid_t sys_getpid(void);
int sys_network_init(void);

/* Child processes, Linux's fork/exec model in one call (what posix_spawn does): the child
 * applies the actions in order, then executes path. When search is not NULL and path has no
 * '/', each directory of search (a PATH value) is tried in turn, as execvp does. Returns the
 * child's pid, or -errno from the action or exec that failed (the child is then reaped). */
struct astra_spawn_action {
    int32_t op;         /* ASTRA_SPAWN_* */
    int32_t fd;         /* DUP2: the source; CLOSE: the descriptor */
    int32_t newfd;      /* DUP2, OPEN: the descriptor to set (DUP2 with fd == newfd clears
                         * close-on-exec) */
    int32_t flags;      /* OPEN: Linux open flags */
    uint32_t mode;      /* OPEN */
    const char *path;   /* OPEN, CHDIR */
};
#define ASTRA_SPAWN_DUP2 1
#define ASTRA_SPAWN_CLOSE 2
#define ASTRA_SPAWN_OPEN 3
#define ASTRA_SPAWN_CHDIR 4
int32_t sys_spawn_process(const char *path, const char *search, char *const argv[], char *const envp[],
                          const struct astra_spawn_action *actions, size_t nactions);
/* Linux's wait4 without rusage: the pid waited for (0 with WNOHANG and no change), status in
 * Linux's encoding. */
int32_t sys_waitpid(int32_t pid, int32_t *status, int32_t options);
int sys_kill(int32_t pid, int32_t sig);
/* A pipe: fds[0] reads, fds[1] writes; flags are Linux's O_CLOEXEC and O_NONBLOCK. */
int sys_pipe2(int32_t fds[2], int32_t flags);

/* ---- memory ---- */
int sys_getpagesize(void);
int sys_mmap(size_t size, uint32_t prot_flags, void **ret);
int sys_munmap(void *ptr, size_t size);
int sys_mprotect(void *ptr, size_t size, uint32_t prot_flags);

/* The allocator: size and align are the block's, for free and realloc too (no headers).
 * NULL when the request cannot be met; align must be a power of two. */
void *sys_malloc(size_t size, size_t align);
void *sys_alloc(size_t size, size_t align);
void *sys_alloc_zeroed(size_t size, size_t align);
void *sys_realloc(void *ptr, size_t size, size_t align, size_t new_size);
void sys_free(void *ptr, size_t size, size_t align);
void sys_dealloc(void *ptr, size_t size, size_t align);

/* ---- entropy ---- */
intptr_t sys_read_entropy(void *buf, size_t len, uint32_t flags);

/* ---- time ---- */
int sys_clock_gettime(hermit_clockid_t clockid, struct hermit_timespec *tp);
int sys_nanosleep(const struct hermit_timespec *req);
void sys_usleep(uint64_t usecs);

/* ---- threads ---- */
int sys_spawn(hermit_tid_t *id, void (*func)(size_t), size_t arg, uint8_t prio, intptr_t core_id);
/* Returns the new thread's id, or 0 when it could not be started. */
hermit_tid_t sys_spawn2(void (*func)(size_t), size_t arg, uint8_t prio, size_t stack_size,
                        intptr_t core_id);
int sys_join(hermit_tid_t id);
void sys_yield(void);
size_t sys_available_parallelism(void);
size_t sys_get_processor_count(void);
uint8_t sys_get_priority(void);
void sys_set_priority(hermit_tid_t tid, uint8_t prio);
/* Marks the calling thread blocked; its next sys_yield() sleeps until sys_wakeup_taskt(tid)
 * (or the timeout, in milliseconds) ends the block. */
void sys_block_current_task(void);
void sys_block_current_task_with_timeout(uint64_t timeout_ms);
void sys_wakeup_taskt(hermit_tid_t tid);

/* ---- synchronisation ---- */
int sys_futex_wait(uint32_t *address, uint32_t expected, const struct hermit_timespec *timeout,
                   uint32_t flags);
int sys_futex_wake(uint32_t *address, int32_t count);
/* Semaphores: sem points to a slot that sys_sem_init fills. trywait fails with -ECANCELED and
 * timedwait (absolute CLOCK_REALTIME deadline, NULL = none) with -ETIME, as Hermit's do. */
int sys_sem_init(hermit_sem_t *sem, int32_t pshared, uint32_t value);
int sys_sem_destroy(hermit_sem_t *sem);
int sys_sem_post(hermit_sem_t *sem);
int sys_sem_trywait(hermit_sem_t *sem);
int sys_sem_timedwait(hermit_sem_t *sem, const struct hermit_timespec *abs_timeout);
/* Wait queues (condition variables): id is the address of a word that holds the queue.
 * add_queue registers the caller (timeout_ns <= 0: none), wait sleeps until notify (0) or
 * the timeout (-ETIMEDOUT); notify wakes count waiters, all when count < 0. */
int sys_init_queue(size_t id);
int sys_destroy_queue(size_t id);
int sys_add_queue(size_t id, int64_t timeout_ns);
int sys_wait(size_t id);
int sys_notify(size_t id, int32_t count);

/* ---- files and I/O ---- */
int sys_open(const char *name, int32_t flags, int32_t mode);
int sys_opendir(const char *name);
int sys_close(int32_t fd);
intptr_t sys_read(int32_t fd, void *buf, size_t len);
intptr_t sys_write(int32_t fd, const void *buf, size_t len);
intptr_t sys_readv(int32_t fd, const struct hermit_iovec *iov, size_t iovcnt);
intptr_t sys_writev(int32_t fd, const struct hermit_iovec *iov, size_t iovcnt);
intptr_t sys_lseek(int32_t fd, intptr_t offset, int32_t whence);
int sys_stat(const char *name, struct hermit_stat *st);
int sys_lstat(const char *name, struct hermit_stat *st);
int sys_fstat(int32_t fd, struct hermit_stat *st);
/* All entries of the directory but "." and "..", or -EINVAL when they do not fit in count
 * bytes (std's read_dir then retries with a larger buffer). */
int64_t sys_getdents64(int32_t fd, struct hermit_dirent64 *dirp, size_t count);
int sys_mkdir(const char *name, uint32_t mode);
int sys_rmdir(const char *name);
int sys_unlink(const char *name);
int sys_dup(int32_t fd);
int sys_dup_cloexec(int32_t fd); /* F_DUPFD_CLOEXEC */
int sys_fcntl(int32_t fd, int32_t cmd, int32_t arg);
int sys_ioctl(int32_t fd, int32_t cmd, void *argp);
int sys_eventfd(uint64_t initval, int16_t flags);
int sys_poll(struct hermit_pollfd *fds, hermit_nfds_t nfds, int32_t timeout);

/* Beyond hermit-abi, for C programs. */
int sys_rename(const char *oldpath, const char *newpath);
int sys_link(const char *oldpath, const char *newpath);
int sys_symlink(const char *target, const char *linkpath);
intptr_t sys_readlink(const char *path, char *buf, size_t size); /* bytes, not NUL-terminated */
intptr_t sys_getcwd(char *buf, size_t size); /* length including the NUL */
int sys_chdir(const char *path);
int sys_ftruncate(int32_t fd, int64_t length);
int sys_fsync(int32_t fd);
int sys_fdatasync(int32_t fd);
int sys_isatty(int32_t fd); /* 1 for a terminal, 0 otherwise (-EBADF for a bad fd) */
/* Permission bits (mode & 07777); sys_chmod follows symbolic links. */
int sys_chmod(const char *path, uint32_t mode);
int sys_fchmod(int32_t fd, uint32_t mode);
/* Access and modification times: times[0] is the access time, times[1] the modification time;
 * a tv_nsec of ASTRA_UTIME_NOW or ASTRA_UTIME_OMIT (astra/abi.h, Linux's values) sets that
 * time to now or leaves it; times NULL sets both to now. nofollow: change a symbolic link
 * itself. */
int sys_utimens(const char *path, const struct hermit_timespec times[2], int32_t nofollow);
int sys_futimens(int32_t fd, const struct hermit_timespec times[2]);
/* flock(2): op is ASTRA_LOCK_SH, ASTRA_LOCK_EX or ASTRA_LOCK_UN, optionally | ASTRA_LOCK_NB
 * (then -EWOULDBLOCK, which is -EAGAIN, instead of waiting). The lock belongs to the open
 * file (shared by dup) and goes with its last descriptor. astra/abi.h has the constants. */
int sys_flock(int32_t fd, int32_t op);
/* rename that fails with -EEXIST instead of replacing newpath (renameat2 RENAME_NOREPLACE). */
int sys_rename_noreplace(const char *oldpath, const char *newpath);
/* The absolute path of path with no ".", ".." or symbolic link in it, resolved as POSIX's
 * realpath does (-ENOENT, -ENOTDIR, -ELOOP after 40 links, -ENAMETOOLONG). Writes it
 * NUL-terminated and returns its length without the NUL; -ERANGE when buf is too small. */
intptr_t sys_realpath(const char *path, char *buf, size_t size);
/* The running program's absolute path (readlink of /proc/self/exe), as sys_realpath returns
 * it; -ENOENT when the system does not say. */
intptr_t sys_current_exe(char *buf, size_t size);

/* ---- network ---- */
int sys_socket(int32_t domain, int32_t type, int32_t protocol); /* close-on-exec */
int sys_bind(int32_t s, const struct hermit_sockaddr *name, hermit_socklen_t namelen);
int sys_listen(int32_t s, int32_t backlog);
int sys_accept(int32_t s, struct hermit_sockaddr *addr, hermit_socklen_t *addrlen); /* close-on-exec */
int sys_connect(int32_t s, const struct hermit_sockaddr *name, hermit_socklen_t namelen);
intptr_t sys_send(int32_t s, const void *mem, size_t len, int32_t flags);
intptr_t sys_sendto(int32_t s, const void *mem, size_t len, int32_t flags,
                    const struct hermit_sockaddr *to, hermit_socklen_t tolen);
intptr_t sys_recv(int32_t s, void *buf, size_t len, int32_t flags);
intptr_t sys_recvfrom(int32_t s, void *buf, size_t len, int32_t flags,
                      struct hermit_sockaddr *addr, hermit_socklen_t *addrlen);
int sys_shutdown(int32_t s, int32_t how);
int sys_shutdown_socket(int32_t s, int32_t how);
int sys_getsockname(int32_t s, struct hermit_sockaddr *name, hermit_socklen_t *namelen);
int sys_getpeername(int32_t s, struct hermit_sockaddr *name, hermit_socklen_t *namelen);
int sys_getsockopt(int32_t s, int32_t level, int32_t optname, void *optval,
                   hermit_socklen_t *optlen);
int sys_setsockopt(int32_t s, int32_t level, int32_t optname, const void *optval,
                   hermit_socklen_t optlen);
/* Numeric addresses, "localhost" and /etc/hosts; returns 0 or a HERMIT_EAI_* code. */
int sys_getaddrinfo(const char *nodename, const char *servname,
                    const struct hermit_addrinfo *hints, struct hermit_addrinfo **res);
void sys_freeaddrinfo(struct hermit_addrinfo *ai);
/* Fills inaddr with the first address of name: len 4 for IPv4, 16 for IPv6. */
int sys_getaddrbyname(const char *name, void *inaddr, size_t len);

#ifdef __cplusplus
}
#endif

#endif
