/* Power-of-two classes of 32..4096 bytes carved from whole frames; each block starts with a
 * 16-byte header holding its class, so kfree needs no size. */
#include <stdint.h>

#include "kmalloc.h"
#include "layout.h"
#include "pmm.h"

#define CLASSES 8 /* 32 .. 4096 */
#define HEADER 16

struct free_block { struct free_block *next; };
static struct free_block *free_lists[CLASSES];

static int class_of(size_t size)
{
    size_t need = size + HEADER;
    for (int c = 0; c < CLASSES; c++)
        if (need <= (32UL << c))
            return c;
    return -1;
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
        char *page = P2V(pa);
        for (size_t off = 0; off < PAGE_SIZE; off += bsize) {
            struct free_block *b = (struct free_block *)(page + off);
            b->next = free_lists[c];
            free_lists[c] = b;
        }
    }
    struct free_block *b = free_lists[c];
    free_lists[c] = b->next;
    unsigned char *p = (unsigned char *)b;
    for (size_t i = 0; i < bsize; i++)
        p[i] = 0;
    *(uint64_t *)p = (uint64_t)c;
    return p + HEADER;
}

void kfree(void *ptr)
{
    if (!ptr)
        return;
    unsigned char *p = (unsigned char *)ptr - HEADER;
    int c = (int)*(uint64_t *)p;
    struct free_block *b = (struct free_block *)p;
    b->next = free_lists[c];
    free_lists[c] = b;
}
