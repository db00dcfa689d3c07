#include "../internal/libc.h"

/* Offsets must be page-aligned; a length beyond PTRDIFF_MAX cannot be mapped. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (off & (ASTRA_PAGE_SIZE - 1))
        return (void *)astra_libc_ret(-EINVAL);
    if (len >= PTRDIFF_MAX)
        return (void *)astra_libc_ret(-ENOMEM);
    return (void *)astra_libc_ret(SYS6(mmap, addr, len, prot, flags, fd, off));
}

int munmap(void *addr, size_t len) { return (int)astra_libc_ret(SYS2(munmap, addr, len)); }

int mprotect(void *addr, size_t len, int prot) { return (int)astra_libc_ret(SYS3(mprotect, addr, len, prot)); }

int madvise(void *addr, size_t len, int advice) { return (int)astra_libc_ret(SYS3(madvise, addr, len, advice)); }

int msync(void *addr, size_t len, int flags) { return (int)astra_libc_ret(SYS3(msync, addr, len, flags)); }

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    void *new_addr = (flags & 2) ? va_arg(ap, void *) : 0; /* MREMAP_FIXED */
    va_end(ap);
    return (void *)astra_libc_ret(SYS5(mremap, old, old_len, new_len, flags, new_addr));
}

/* The LFS64 names musl kept as aliases (off_t is 64-bit already); older libc crates link them. */
void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off) __attribute__((alias("mmap")));
