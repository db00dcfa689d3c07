/* The allocator behind sys_alloc and malloc. Rust std passes size and alignment to free and
 * realloc, so no block carries a header: (size, align) alone names the block's class.
 *  - small: 60 size classes of 16 B .. 1 MiB (four per power of two), carved from spans of
 *    64 KiB or more (64 KiB-aligned); each thread keeps a cache per class, bounded in bytes,
 *    and trades batches with a per-class central list;
 *  - large: bigger blocks, and alignments above 32 KiB, are their own mapping, unmapped when
 *    freed and grown in place or moved by mremap. */
#ifndef ASTRA_INTERNAL_ALLOC_H
#define ASTRA_INTERNAL_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#define ASTRA_ALLOC_MIN_ALIGN 16
#define ASTRA_ALLOC_MAX_SMALL (1024 * 1024UL)
#define ASTRA_ALLOC_MAX_SMALL_ALIGN (32 * 1024UL) /* spans are 64 KiB-aligned */
#define ASTRA_ALLOC_CLASSES 60

/* The small class for (size, align), or -1 for a large block. */
static inline int astra_size_class(size_t size, size_t align)
{
    if (size > ASTRA_ALLOC_MAX_SMALL)
        return -1;
    if (align > ASTRA_ALLOC_MIN_ALIGN) {
        if (align > ASTRA_ALLOC_MAX_SMALL_ALIGN)
            return -1;
        if (size < align)
            size = align;
        else if (size & (size - 1))
            size = 1UL << (64 - __builtin_clzl(size - 1)); /* aligned blocks: power-of-two classes */
    }
    if (size <= 128)
        return size ? (int)((size - 1) >> 4) : 0;
    size_t s = size - 1;
    int p = 63 - __builtin_clzl(s);
    return 8 + (p - 7) * 4 + (int)((s >> (p - 2)) & 3);
}

/* The block size of a small class. */
static inline size_t astra_class_size(int cls)
{
    if (cls < 8)
        return (size_t)(cls + 1) * 16;
    int p = 7 + (cls - 8) / 4, k = (cls - 8) % 4;
    return (1UL << p) + (size_t)(k + 1) * (1UL << (p - 2));
}

/* A free block's first word links to the next one; its low bit says the block itself is
 * fresh (carved from a never-used span: zero but for this word). */
struct astra_free_block { uintptr_t link; };
#define ASTRA_FREE_BLOCK_FRESH 1u

/* Each thread's cache of free blocks, per class (alloc/cache.c). */
struct astra_alloc_cache {
    struct astra_free_block *head[ASTRA_ALLOC_CLASSES];
    uint32_t count[ASTRA_ALLOC_CLASSES];
};
extern _Thread_local struct astra_alloc_cache astra_alloc_cache;

/* alloc/central.c: refill takes a batch from the class's central list (or a fresh span) into
 * the empty cache and returns one block of it (NULL when memory runs out); flush gives the
 * cache's first n blocks back. */
void *astra_alloc_refill(int cls, int *fresh);
void astra_alloc_flush(int cls, uint32_t n);
extern const uint32_t astra_alloc_cache_limits[ASTRA_ALLOC_CLASSES];

/* A block of class cls, or NULL. *fresh is set when the block was never used. */
static inline void *astra_small_alloc(int cls, int *fresh)
{
    struct astra_free_block *b = astra_alloc_cache.head[cls];
    if (__builtin_expect(b == 0, 0))
        return astra_alloc_refill(cls, fresh);
    astra_alloc_cache.head[cls] = (struct astra_free_block *)(b->link & ~(uintptr_t)ASTRA_FREE_BLOCK_FRESH);
    astra_alloc_cache.count[cls]--;
    *fresh = b->link & ASTRA_FREE_BLOCK_FRESH;
    return b;
}

static inline void astra_small_free(void *p, int cls)
{
    struct astra_free_block *b = p;
    b->link = (uintptr_t)astra_alloc_cache.head[cls];
    astra_alloc_cache.head[cls] = b;
    if (__builtin_expect(++astra_alloc_cache.count[cls] > astra_alloc_cache_limits[cls], 0))
        astra_alloc_flush(cls, astra_alloc_cache.count[cls] / 2);
}

void *astra_large_alloc(size_t size, size_t align);
void astra_large_free(void *p, size_t size);
void *astra_large_realloc(void *p, size_t size, size_t align, size_t new_size);

/* Held across fork by the C library (libc/unistd/fork.c): every central and arena lock. */
void astra_alloc_fork_prepare(void);
void astra_alloc_fork_finish(int child);

/* Gives the calling thread's cached blocks back to the central lists (at thread exit). */
void astra_alloc_thread_exit(void);

#endif
