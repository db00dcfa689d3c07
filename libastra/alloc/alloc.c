/*
 * The contract allocator. Rust std passes size and alignment to free and realloc, so no
 * block carries a header: the (size, align) pair alone says where a block came from.
 *  - small: power-of-two classes 16 B .. 32 KiB, each block aligned to its class size,
 *    carved from 1 MiB arenas and recycled through per-class free lists;
 *  - large: anything bigger (or more aligned) is its own mapping, returned with munmap.
 */
#include <astra/astra.h>
#include <stdint.h>

#include "../internal/lock.h"
#include "../internal/syscall.h"

#define MIN_SHIFT 4
#define MAX_SHIFT 15
#define NCLASSES (MAX_SHIFT - MIN_SHIFT + 1)
#define ARENA_SIZE (1UL << 20)

struct free_block { struct free_block *next; };

static astra_lock_t heap_lock = ASTRA_LOCK_INIT;
static struct free_block *free_lists[NCLASSES];
static uintptr_t bump, bump_end;

static size_t page_round(size_t n) { return (n + ASTRA_PAGE_SIZE - 1) & ~(ASTRA_PAGE_SIZE - 1); }

/* The class index for (size, align), or -1 for a large block. */
static int size_class(size_t size, size_t align)
{
    size_t need = size > align ? size : align;
    if (need > (1UL << MAX_SHIFT))
        return -1;
    if (need <= (1UL << MIN_SHIFT))
        return 0;
    return (int)(64 - __builtin_clzl(need - 1)) - MIN_SHIFT;
}

static int valid_align(size_t align) { return align && !(align & (align - 1)); }

static void *map_anon(size_t len)
{
    long m = astra_syscall6(ASTRA_NR_mmap, 0, (long)len, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                            ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    return astra_is_err(m) ? 0 : (void *)m;
}

static void unmap(void *p, size_t len)
{
    if (len)
        astra_syscall2(ASTRA_NR_munmap, (long)p, (long)len);
}

/* A mapping of exactly page_round(size) bytes starting at an `align`-aligned address. */
static void *large_alloc(size_t size, size_t align)
{
    if (size > (SIZE_MAX >> 2) || align > (SIZE_MAX >> 2))
        return 0;
    size_t len = page_round(size);
    if (align <= ASTRA_PAGE_SIZE)
        return map_anon(len);
    unsigned char *raw = map_anon(len + align);
    if (!raw)
        return 0;
    uintptr_t start = ((uintptr_t)raw + align - 1) & ~(align - 1);
    unmap(raw, start - (uintptr_t)raw);
    unmap((void *)(start + len), (uintptr_t)raw + len + align - (start + len));
    return (void *)start;
}

static void *small_alloc(int cls)
{
    size_t bsize = 1UL << (cls + MIN_SHIFT);
    astra_lock(&heap_lock);
    struct free_block *b = free_lists[cls];
    if (b) {
        free_lists[cls] = b->next;
        astra_unlock(&heap_lock);
        return b;
    }
    uintptr_t p = (bump + bsize - 1) & ~(bsize - 1);
    if (!bump || p + bsize > bump_end) {
        unsigned char *arena = map_anon(ARENA_SIZE);
        if (!arena) {
            astra_unlock(&heap_lock);
            return 0;
        }
        bump = (uintptr_t)arena;
        bump_end = bump + ARENA_SIZE;
        p = bump; /* arenas are page aligned, hence aligned for every class */
    }
    bump = p + bsize;
    astra_unlock(&heap_lock);
    return (void *)p;
}

static void small_free(void *ptr, int cls)
{
    struct free_block *b = ptr;
    astra_lock(&heap_lock);
    b->next = free_lists[cls];
    free_lists[cls] = b;
    astra_unlock(&heap_lock);
}

void *sys_alloc(size_t size, size_t align)
{
    if (!valid_align(align))
        return 0;
    int cls = size_class(size, align);
    return cls < 0 ? large_alloc(size, align) : small_alloc(cls);
}

void *sys_malloc(size_t size, size_t align) { return sys_alloc(size, align); }

/* Large blocks are fresh anonymous pages and already zero. */
void *sys_alloc_zeroed(size_t size, size_t align)
{
    if (!valid_align(align))
        return 0;
    int cls = size_class(size, align);
    if (cls < 0)
        return large_alloc(size, align);
    void *p = small_alloc(cls);
    if (p)
        __builtin_memset(p, 0, size);
    return p;
}

void sys_free(void *ptr, size_t size, size_t align)
{
    if (!ptr || !valid_align(align))
        return;
    int cls = size_class(size, align);
    if (cls < 0)
        unmap(ptr, page_round(size));
    else
        small_free(ptr, cls);
}

void sys_dealloc(void *ptr, size_t size, size_t align) { sys_free(ptr, size, align); }

void *sys_realloc(void *ptr, size_t size, size_t align, size_t new_size)
{
    if (!ptr)
        return sys_alloc(new_size, align);
    if (!valid_align(align))
        return 0;
    int old_cls = size_class(size, align), new_cls = size_class(new_size, align);
    if (old_cls >= 0 && old_cls == new_cls)
        return ptr;
    if (old_cls < 0 && new_cls < 0 && page_round(new_size) <= page_round(size)) {
        unmap((unsigned char *)ptr + page_round(new_size), page_round(size) - page_round(new_size));
        return ptr;
    }
    void *p = sys_alloc(new_size, align);
    if (!p)
        return 0;
    __builtin_memcpy(p, ptr, size < new_size ? size : new_size);
    sys_free(ptr, size, align);
    return p;
}
