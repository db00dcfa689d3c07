#include "../internal/syscall.h"
#include "../internal/uaccess.h"

/* Page zero is never mapped, so small addresses fail without a system call. */
#define FIRST_VALID_ADDRESS ASTRA_PAGE_SIZE

/* process_vm_readv/writev need our pid. It is cached in a page the kernel zeroes in a forked
 * child (MADV_WIPEONFORK), so a child made by any fork (libastra's, newlib's, a raw system
 * call) asks again instead of using its parent's pid, which on Linux would copy to or from
 * the parent's memory. The page is a whole one of .bss (private, anonymous, and at a fixed
 * place: a mapping made on first use could land where a caller's bad pointer points). Where
 * the advice is refused (Linux before 4.14) nothing is cached. */
static union {
    volatile int pid;
    char whole_page[ASTRA_PAGE_SIZE]; /* nothing else may share the page the advice wipes */
} pid_page __attribute__((aligned(ASTRA_PAGE_SIZE)));

#define NO_CACHE ((volatile int *)1)
static volatile int *pid_cache;

static volatile int *pid_cache_page(void)
{
    volatile int *c = __atomic_load_n(&pid_cache, __ATOMIC_ACQUIRE);
    if (c)
        return c;
    long r = astra_syscall3(ASTRA_NR_madvise, (long)&pid_page, ASTRA_PAGE_SIZE, ASTRA_MADV_WIPEONFORK);
    c = r == 0 ? &pid_page.pid : NO_CACHE;
    __atomic_store_n(&pid_cache, c, __ATOMIC_RELEASE);
    return c;
}

static int self_pid(void)
{
    volatile int *c = pid_cache_page();
    if (c == NO_CACHE)
        return (int)astra_syscall0(ASTRA_NR_getpid);
    int pid = *c;
    if (!pid)
        *c = pid = (int)astra_syscall0(ASTRA_NR_getpid);
    return pid;
}

/* A kernel without process_vm_readv/writev (or a sandbox that forbids them) cannot check:
 * then the copy is a plain one, as in any libc. */
static long vm_copy(long nr, void *local, const void *remote, size_t n)
{
    if (!n)
        return 0;
    if ((uintptr_t)remote < FIRST_VALID_ADDRESS || (uintptr_t)remote + n < (uintptr_t)remote)
        return -ASTRA_EFAULT;
    struct astra_iovec l = { local, n }, r = { (void *)remote, n };
    long got = astra_syscall6(nr, self_pid(), (long)&l, 1, (long)&r, 1, 0);
    /* A vfork child shares the cache with its parent: it must not store its own pid there. */
    if (got == -ASTRA_ESRCH)
        got = astra_syscall6(nr, astra_syscall0(ASTRA_NR_getpid), (long)&l, 1, (long)&r, 1, 0);
    if (got == (long)n)
        return 0;
    if (got == -ASTRA_ENOSYS || got == -ASTRA_EPERM) {
        if (nr == ASTRA_NR_process_vm_readv)
            __builtin_memcpy(local, remote, n);
        else
            __builtin_memcpy((void *)remote, local, n);
        return 0;
    }
    return -ASTRA_EFAULT;
}

long astra_copy_from_user(void *dst, const void *src, size_t n)
{
    return vm_copy(ASTRA_NR_process_vm_readv, dst, src, n);
}

long astra_copy_to_user(void *dst, const void *src, size_t n)
{
    return vm_copy(ASTRA_NR_process_vm_writev, (void *)src, dst, n);
}

/* Reads up to each page end at a time: a string may end just before an unmapped page. */
long astra_copy_string_from_user(char *dst, const char *src, size_t cap)
{
    size_t len = 0;
    while (len < cap) {
        uintptr_t at = (uintptr_t)src + len;
        size_t chunk = ASTRA_PAGE_SIZE - (at & (ASTRA_PAGE_SIZE - 1));
        if (chunk > cap - len)
            chunk = cap - len;
        long r = astra_copy_from_user(dst + len, (const void *)at, chunk);
        if (r < 0)
            return r;
        for (size_t i = 0; i < chunk; i++)
            if (dst[len + i] == 0)
                return (long)(len + i);
        len += chunk;
    }
    return -ASTRA_ENAMETOOLONG;
}
