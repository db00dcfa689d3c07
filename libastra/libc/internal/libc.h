/* Internal to the musl-ABI layer (libastra/libc/): the one place a system call's -errno
 * becomes errno + -1, and the pieces several files share. */
#ifndef ASTRA_LIBC_INTERNAL_H
#define ASTRA_LIBC_INTERNAL_H

#include <astra/libc.h>

#include "../../internal/syscall.h"
#include "../../internal/thread.h"

/* musl's __syscall_ret: a result in [-4095, -1] sets errno and becomes -1. */
long astra_libc_ret(long r);

/* For functions that return an error number instead (pthread_*, posix_spawn, ...): 0 or the
 * positive errno of a raw system call result. */
static inline int astra_libc_errnum(long r) { return astra_is_err(r) ? (int)-r : 0; }

#define SC(name) ASTRA_NR_##name
#define SYS0(n) astra_syscall0(SC(n))
#define SYS1(n, a) astra_syscall1(SC(n), (long)(a))
#define SYS2(n, a, b) astra_syscall2(SC(n), (long)(a), (long)(b))
#define SYS3(n, a, b, c) astra_syscall3(SC(n), (long)(a), (long)(b), (long)(c))
#define SYS4(n, a, b, c, d) astra_syscall4(SC(n), (long)(a), (long)(b), (long)(c), (long)(d))
#define SYS5(n, a, b, c, d, e) astra_syscall5(SC(n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))
#define SYS6(n, a, b, c, d, e, f) \
    astra_syscall6(SC(n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* ---- signals (signal/) ---- */
/* The restorer every handler returns through (rt_sigreturn). */
void astra_libc_sigreturn(void);
/* Blocks every signal (the old mask in *old) / puts a mask back: around clone and exit. */
void astra_libc_block_all(uint64_t *old);
void astra_libc_restore_mask(const uint64_t *old);

/* ---- threads (thread/) ---- */
/* pthread_attr_t's contents. */
struct astra_pthread_attr {
    size_t stack_size;
    size_t guard_size;
    void *stack_addr; /* lowest address of the stack, for pthread_getattr_np */
    int detached;
    int unused[7];
};
_Static_assert(sizeof(struct astra_pthread_attr) <= sizeof(pthread_attr_t), "fits pthread_attr_t");

static inline struct astra_tcb *astra_pthread_tcb(pthread_t t) { return (struct astra_tcb *)t; }

#define ASTRA_THREAD_JOINABLE 0
#define ASTRA_THREAD_DETACHED 1
#define ASTRA_THREAD_EXITING 2

/* Runs the calling thread's key destructors and __cxa_thread_atexit_impl destructors. */
void astra_libc_thread_cleanup(void);
/* Called at process exit (exit()): the main thread's thread-local destructors. */
void astra_libc_run_tls_dtors(void);

/* ---- environment (env/) ---- */
extern char **__environ;
/* The startup of the unix target's crt0: environ, then main, then exit. */
_Noreturn void astra_libc_start(long *sp, int (*main)(int, char **, char **));

/* ---- stdio-free formatting ---- */
/* Writes v in decimal just below end (no NUL) and returns where the digits start. */
char *astra_libc_utoa(unsigned long v, char *end);

/* ---- directories (dirent/) ---- */
struct astra_dir {
    int fd;
    size_t pos, len;
    _Alignas(8) unsigned char buf[4096];
};

#endif
