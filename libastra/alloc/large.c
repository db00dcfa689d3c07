#include <stdint.h>

#include "../internal/alloc.h"
#include "../internal/syscall.h"

static size_t page_round(size_t n) { return (n + ASTRA_PAGE_SIZE - 1) & ~(ASTRA_PAGE_SIZE - 1); }

static void *map_anon(size_t len)
{
    long m = astra_syscall6(ASTRA_NR_mmap, 0, (long)len, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                            ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    return astra_is_err(m) ? 0 : (void *)m;
}

/* A mapping of page_round(size) bytes at an align-aligned address; fresh pages, all zero. */
void *astra_large_alloc(size_t size, size_t align)
{
    if (size > (SIZE_MAX >> 2) || align > (SIZE_MAX >> 2))
        return 0;
    size_t len = page_round(size ? size : 1);
    if (align <= ASTRA_PAGE_SIZE)
        return map_anon(len);
    unsigned char *raw = map_anon(len + align);
    if (!raw)
        return 0;
    uintptr_t start = ((uintptr_t)raw + align - 1) & ~(align - 1);
    uintptr_t end = start + len, raw_end = (uintptr_t)raw + len + align;
    if (start != (uintptr_t)raw)
        astra_syscall2(ASTRA_NR_munmap, (long)raw, (long)(start - (uintptr_t)raw));
    if (end != raw_end)
        astra_syscall2(ASTRA_NR_munmap, (long)end, (long)(raw_end - end));
    return (void *)start;
}

void astra_large_free(void *p, size_t size)
{
    astra_syscall2(ASTRA_NR_munmap, (long)p, (long)page_round(size ? size : 1));
}

/* Shrinks by unmapping the tail; grows in place, or lets the kernel move the pages (no copy)
 * when the alignment is a page's. Returns NULL, keeping the block, when memory runs out. */
void *astra_large_realloc(void *p, size_t size, size_t align, size_t new_size)
{
    if (new_size > (SIZE_MAX >> 2))
        return 0;
    size_t old_len = page_round(size ? size : 1), new_len = page_round(new_size ? new_size : 1);
    if (new_len <= old_len) {
        if (new_len < old_len)
            astra_syscall2(ASTRA_NR_munmap, (long)p + (long)new_len, (long)(old_len - new_len));
        return p;
    }
    long r = astra_syscall5(ASTRA_NR_mremap, (long)p, (long)old_len, (long)new_len,
                            align <= ASTRA_PAGE_SIZE ? ASTRA_MREMAP_MAYMOVE : 0, 0);
    if (!astra_is_err(r))
        return (void *)r;
    void *q = astra_large_alloc(new_size, align);
    if (!q)
        return 0;
    __builtin_memcpy(q, p, size);
    astra_large_free(p, size);
    return q;
}
