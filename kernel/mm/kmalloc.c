/* Power-of-two classes of 32..4096 bytes carved from whole frames; each block starts with a
 * 16-byte header holding its class, so kfree needs no size.
 *
 * Frames go back to the frame allocator: the header of a frame's first block also counts the
 * frame's blocks in use, and a frame whose blocks are all free again is released, except one
 * such frame per class kept for the next allocation (so that one object allocated and freed
 * in a loop does not take and release a frame each time). The free blocks of a class are on
 * a doubly linked list, kept in the block's payload, so that a frame's blocks can leave it. */
#include <stdint.h>

#include "arch.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"

#define CLASSES 8 /* 32 .. 4096 */
#define HEADER 16

struct header {
    uint64_t class;
    uint64_t frame_used; /* meaningful in a frame's first block only */
};

struct free_block { /* in the payload of a free block */
    struct free_block *next, *prev;
};

static struct free_block *free_lists[CLASSES];
static struct header *spare[CLASSES]; /* a wholly free frame kept per class, or 0 */

static int class_of(size_t size)
{
    size_t need = size + HEADER;
    for (int c = 0; c < CLASSES; c++)
        if (need <= (32UL << c))
            return c;
    return -1;
}

static struct free_block *links(void *block) { return (struct free_block *)((char *)block + HEADER); }
static void *block_of(struct free_block *l) { return (char *)l - HEADER; }
static struct header *frame_of(void *block) { return (struct header *)((uint64_t)block & ~(uint64_t)(PAGE_SIZE - 1)); }

static void push(int c, void *block)
{
    struct free_block *l = links(block);
    l->prev = 0;
    l->next = free_lists[c];
    if (l->next)
        l->next->prev = l;
    free_lists[c] = l;
}

static void unlink(int c, void *block)
{
    struct free_block *l = links(block);
    if (l->prev)
        l->prev->next = l->next;
    else
        free_lists[c] = l->next;
    if (l->next)
        l->next->prev = l->prev;
}

void *kzalloc(size_t size)
{
    int c = class_of(size);
    if (c < 0)
        return 0;
    size_t bsize = 32UL << c;
    if (!free_lists[c]) {
        uint64_t pa = pmm_alloc();
        if (!pa)
            return 0;
        char *frame = P2V(pa);
        ((struct header *)frame)->frame_used = 0;
        for (size_t off = PAGE_SIZE; off > 0; off -= bsize)
            push(c, frame + off - bsize); /* the frame's first block ends up first */
    }
    void *block = block_of(free_lists[c]);
    unlink(c, block);
    struct header *frame = frame_of(block);
    if (frame->frame_used++ == 0 && spare[c] == frame)
        spare[c] = 0;
    unsigned char *p = block;
    for (size_t i = HEADER; i < bsize; i++)
        p[i] = 0;
    ((struct header *)p)->class = (uint64_t)c;
    return p + HEADER;
}

/* The frame's blocks all free: keep it as the class's spare, or give it back. */
static void frame_emptied(int c, struct header *frame)
{
    if (!spare[c]) {
        spare[c] = frame;
        return;
    }
    size_t bsize = 32UL << c;
    for (size_t off = 0; off < PAGE_SIZE; off += bsize)
        unlink(c, (char *)frame + off);
    pmm_free(V2P(frame));
}

void kfree(void *ptr)
{
    if (!ptr)
        return;
    void *block = (unsigned char *)ptr - HEADER;
    int c = (int)((struct header *)block)->class;
    push(c, block);
    struct header *frame = frame_of(block);
    if (--frame->frame_used == 0)
        frame_emptied(c, frame);
}

size_t kmalloc_cached_frames(void)
{
    size_t n = 0;
    for (int c = 0; c < CLASSES; c++)
        n += spare[c] != 0;
    return n;
}
