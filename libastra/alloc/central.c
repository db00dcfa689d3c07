#include <stdint.h>

#include "../internal/alloc.h"
#include "../internal/lock.h"
#include "../internal/syscall.h"

#define NCLASSES ASTRA_ALLOC_CLASSES
#define SPAN_ALIGN (64 * 1024UL)
#define ARENA_SIZE (16UL << 20)
#define CACHE_BYTES (128 * 1024UL) /* per class and thread */
#define CACHE_MIN 2
#define CACHE_MAX 4096
#define BATCH_BYTES (16 * 1024UL)
#define BATCH_MAX 256

_Thread_local struct astra_alloc_cache astra_alloc_cache;

static struct astra_free_block *next_of(struct astra_free_block *b)
{
    return (struct astra_free_block *)(b->link & ~(uintptr_t)ASTRA_FREE_BLOCK_FRESH);
}

static void set_next(struct astra_free_block *b, struct astra_free_block *next)
{
    b->link = (uintptr_t)next | (b->link & ASTRA_FREE_BLOCK_FRESH);
}

static struct central {
    astra_lock_t lock;
    struct astra_free_block *free;
    uintptr_t bump, end; /* the span being carved */
} central[NCLASSES];

static astra_lock_t arena_lock = ASTRA_LOCK_INIT;
static uintptr_t arena_bump, arena_end;

static size_t span_size(size_t block)
{
    size_t s = 4 * block;
    return s <= SPAN_ALIGN ? SPAN_ALIGN : (s + SPAN_ALIGN - 1) & ~(SPAN_ALIGN - 1);
}

/* A fresh, 64 KiB-aligned span of `size` bytes from the arena, or 0 when memory runs out. */
static uintptr_t new_span(size_t size)
{
    astra_lock(&arena_lock);
    if (arena_end - arena_bump < size) {
        /* The rest of the old arena is abandoned: at most a few spans of address space. */
        long m = astra_syscall6(ASTRA_NR_mmap, 0, (long)(ARENA_SIZE + SPAN_ALIGN),
                                ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                                ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS | ASTRA_MAP_NORESERVE, -1, 0);
        if (astra_is_err(m)) {
            astra_unlock(&arena_lock);
            return 0;
        }
        uintptr_t start = ((uintptr_t)m + SPAN_ALIGN - 1) & ~(SPAN_ALIGN - 1);
        if (start != (uintptr_t)m)
            astra_syscall2(ASTRA_NR_munmap, m, (long)(start - (uintptr_t)m));
        uintptr_t tail = start + ARENA_SIZE, map_end = (uintptr_t)m + ARENA_SIZE + SPAN_ALIGN;
        if (tail != map_end)
            astra_syscall2(ASTRA_NR_munmap, (long)tail, (long)(map_end - tail));
        arena_bump = start;
        arena_end = tail;
    }
    uintptr_t span = arena_bump;
    arena_bump += size;
    astra_unlock(&arena_lock);
    return span;
}

static uint32_t clamp(size_t v, uint32_t lo, uint32_t hi) { return v < lo ? lo : v > hi ? hi : (uint32_t)v; }

/* The class sizes as a constant expression, for the table below (astra_class_size's). */
#define CLASS_SIZE(c)                                                                          \
    ((c) < 8 ? ((c) + 1) * 16UL                                                                \
             : (1UL << (7 + ((c) - 8) / 4)) + (((c) - 8) % 4 + 1) * (1UL << (5 + ((c) - 8) / 4)))
#define LIMIT(c)                                                                               \
    (CACHE_BYTES / CLASS_SIZE(c) < CACHE_MIN   ? CACHE_MIN                                     \
     : CACHE_BYTES / CLASS_SIZE(c) > CACHE_MAX ? CACHE_MAX                                     \
                                               : (uint32_t)(CACHE_BYTES / CLASS_SIZE(c)))

const uint32_t astra_alloc_cache_limits[NCLASSES] = {
    LIMIT(0),  LIMIT(1),  LIMIT(2),  LIMIT(3),  LIMIT(4),  LIMIT(5),  LIMIT(6),  LIMIT(7),
    LIMIT(8),  LIMIT(9),  LIMIT(10), LIMIT(11), LIMIT(12), LIMIT(13), LIMIT(14), LIMIT(15),
    LIMIT(16), LIMIT(17), LIMIT(18), LIMIT(19), LIMIT(20), LIMIT(21), LIMIT(22), LIMIT(23),
    LIMIT(24), LIMIT(25), LIMIT(26), LIMIT(27), LIMIT(28), LIMIT(29), LIMIT(30), LIMIT(31),
    LIMIT(32), LIMIT(33), LIMIT(34), LIMIT(35), LIMIT(36), LIMIT(37), LIMIT(38), LIMIT(39),
    LIMIT(40), LIMIT(41), LIMIT(42), LIMIT(43), LIMIT(44), LIMIT(45), LIMIT(46), LIMIT(47),
    LIMIT(48), LIMIT(49), LIMIT(50), LIMIT(51), LIMIT(52), LIMIT(53), LIMIT(54), LIMIT(55),
    LIMIT(56), LIMIT(57), LIMIT(58), LIMIT(59),
};

void *astra_alloc_refill(int cls, int *fresh)
{
    size_t size = astra_class_size(cls);
    uint32_t want = clamp(BATCH_BYTES / size, 2, BATCH_MAX), got = 0;
    struct central *c = &central[cls];
    struct astra_free_block *head = 0, *tail;
    astra_lock(&c->lock);
    if (c->free) {
        head = tail = c->free;
        for (got = 1; got < want && next_of(tail); got++)
            tail = next_of(tail);
        c->free = next_of(tail);
        set_next(tail, 0);
    }
    while (got < want) {
        if (c->end - c->bump < size) {
            size_t span = span_size(size);
            uintptr_t s = new_span(span);
            if (!s)
                break;
            c->bump = s;
            c->end = s + span;
        }
        struct astra_free_block *b = (struct astra_free_block *)c->bump;
        c->bump += size;
        b->link = (uintptr_t)head | ASTRA_FREE_BLOCK_FRESH;
        head = b;
        got++;
    }
    astra_unlock(&c->lock);
    if (!head)
        return 0;
    astra_alloc_cache.head[cls] = next_of(head);
    astra_alloc_cache.count[cls] = got - 1;
    *fresh = head->link & ASTRA_FREE_BLOCK_FRESH;
    return head;
}

void astra_alloc_flush(int cls, uint32_t n)
{
    struct astra_free_block *first = astra_alloc_cache.head[cls], *last = first;
    for (uint32_t i = 1; i < n; i++)
        last = next_of(last);
    astra_alloc_cache.head[cls] = next_of(last);
    astra_alloc_cache.count[cls] -= n;
    struct central *c = &central[cls];
    astra_lock(&c->lock);
    set_next(last, c->free);
    c->free = first;
    astra_unlock(&c->lock);
}

void astra_alloc_thread_exit(void)
{
    for (int cls = 0; cls < NCLASSES; cls++)
        if (astra_alloc_cache.count[cls])
            astra_alloc_flush(cls, astra_alloc_cache.count[cls]);
}

/* Around fork: no other thread may hold an allocator lock at the moment the address space is
 * copied, or the child (which has only the forking thread) would wait for it forever. */
void astra_alloc_fork_prepare(void)
{
    for (int cls = 0; cls < NCLASSES; cls++)
        astra_lock(&central[cls].lock);
    astra_lock(&arena_lock);
}

/* In the child the locks are simply free again: their waiters did not come along. */
void astra_alloc_fork_finish(int child)
{
    for (int cls = NCLASSES - 1; cls >= -1; cls--) {
        astra_lock_t *l = cls < 0 ? &arena_lock : &central[cls].lock;
        if (child)
            l->state = 0;
        else
            astra_unlock(l);
    }
}
