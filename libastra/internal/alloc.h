/* The allocator behind sys_alloc and malloc. Rust std passes size and alignment to free and
 * realloc, so no block carries a header: (size, align) alone names the block's class.
 *  - small: 40 size classes of 16 B .. 32 KiB (four per power of two), carved from 64 KiB
 *    spans (64 KiB-aligned, so power-of-two classes are aligned to their size); each thread
 *    keeps a bounded cache per class and trades batches with a per-class central list;
 *  - large: bigger or more aligned blocks are their own mapping, unmapped when freed and
 *    grown in place or moved by mremap. */
#ifndef ASTRA_INTERNAL_ALLOC_H
#define ASTRA_INTERNAL_ALLOC_H

#include <stddef.h>

#define ASTRA_ALLOC_MIN_ALIGN 16
#define ASTRA_ALLOC_MAX_SMALL (32 * 1024UL)

/* The small class for (size, align), or -1 for a large block. */
static inline int astra_size_class(size_t size, size_t align)
{
    if (size > ASTRA_ALLOC_MAX_SMALL)
        return -1;
    if (align > ASTRA_ALLOC_MIN_ALIGN) {
        if (align > ASTRA_ALLOC_MAX_SMALL)
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

void *astra_small_alloc(int cls);
void astra_small_free(void *p, int cls);

void *astra_large_alloc(size_t size, size_t align);
void astra_large_free(void *p, size_t size);
void *astra_large_realloc(void *p, size_t size, size_t align, size_t new_size);

/* Gives the calling thread's cached blocks back to the central lists (at thread exit). */
void astra_alloc_thread_exit(void);

#endif
