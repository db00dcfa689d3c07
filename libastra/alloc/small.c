#include <stdint.h>

#include "../internal/alloc.h"
#include "../internal/lock.h"
#include "../internal/syscall.h"

#define NCLASSES 40
#define SPAN_SIZE (64 * 1024UL)
#define ARENA_SIZE (4UL << 20)
#define CACHE_MAX 64
#define BATCH_BYTES (8 * 1024UL)
#define BATCH_MAX 32

_Static_assert(ASTRA_ALLOC_MAX_SMALL * 2 == SPAN_SIZE, "a span holds two blocks of the largest class");

struct free_block { struct free_block *next; };

static struct central {
    astra_lock_t lock;
    struct free_block *free;
    uintptr_t bump, end; /* the span being carved */
} central[NCLASSES];

static _Thread_local struct {
    struct free_block *head[NCLASSES];
    uint32_t count[NCLASSES];
} cache;

static astra_lock_t arena_lock = ASTRA_LOCK_INIT;
static uintptr_t arena_bump, arena_end;

/* A fresh 64 KiB-aligned span, or 0 when memory is exhausted. */
static uintptr_t new_span(void)
{
    astra_lock(&arena_lock);
    if (arena_bump == arena_end) {
        long m = astra_syscall6(ASTRA_NR_mmap, 0, (long)(ARENA_SIZE + SPAN_SIZE),
                                ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                                ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS | ASTRA_MAP_NORESERVE, -1, 0);
        if (astra_is_err(m)) {
            astra_unlock(&arena_lock);
            return 0;
        }
        uintptr_t start = ((uintptr_t)m + SPAN_SIZE - 1) & ~(SPAN_SIZE - 1);
        if (start != (uintptr_t)m)
            astra_syscall2(ASTRA_NR_munmap, m, (long)(start - (uintptr_t)m));
        uintptr_t tail = start + ARENA_SIZE, map_end = (uintptr_t)m + ARENA_SIZE + SPAN_SIZE;
        if (tail != map_end)
            astra_syscall2(ASTRA_NR_munmap, (long)tail, (long)(map_end - tail));
        arena_bump = start;
        arena_end = tail;
    }
    uintptr_t span = arena_bump;
    arena_bump += SPAN_SIZE;
    astra_unlock(&arena_lock);
    return span;
}

static unsigned batch_of(size_t size)
{
    size_t n = BATCH_BYTES / size;
    return n < 2 ? 2 : n > BATCH_MAX ? BATCH_MAX : (unsigned)n;
}

/* Moves a batch from the central list (or a span) into this thread's cache; returns one. */
static void *refill(int cls)
{
    size_t size = astra_class_size(cls);
    unsigned want = batch_of(size), got = 0;
    struct central *c = &central[cls];
    struct free_block *head = 0;
    astra_lock(&c->lock);
    while (got < want && c->free) {
        struct free_block *b = c->free;
        c->free = b->next;
        b->next = head;
        head = b;
        got++;
    }
    while (got < want) {
        if (c->bump + size > c->end) {
            uintptr_t span = new_span();
            if (!span)
                break;
            c->bump = span;
            c->end = span + SPAN_SIZE;
        }
        struct free_block *b = (struct free_block *)c->bump;
        c->bump += size;
        b->next = head;
        head = b;
        got++;
    }
    astra_unlock(&c->lock);
    if (!head)
        return 0;
    cache.head[cls] = head->next;
    cache.count[cls] = got - 1;
    return head;
}

void *astra_small_alloc(int cls)
{
    struct free_block *b = cache.head[cls];
    if (__builtin_expect(b != 0, 1)) {
        cache.head[cls] = b->next;
        cache.count[cls]--;
        return b;
    }
    return refill(cls);
}

/* Gives `n` blocks from the front of this thread's cache to the central list. */
static void flush(int cls, uint32_t n)
{
    struct free_block *first = cache.head[cls], *last = first;
    for (uint32_t i = 1; i < n; i++)
        last = last->next;
    cache.head[cls] = last->next;
    cache.count[cls] -= n;
    struct central *c = &central[cls];
    astra_lock(&c->lock);
    last->next = c->free;
    c->free = first;
    astra_unlock(&c->lock);
}

void astra_small_free(void *p, int cls)
{
    struct free_block *b = p;
    b->next = cache.head[cls];
    cache.head[cls] = b;
    if (__builtin_expect(++cache.count[cls] > CACHE_MAX, 0))
        flush(cls, CACHE_MAX / 2);
}

void astra_alloc_thread_exit(void)
{
    for (int cls = 0; cls < NCLASSES; cls++)
        if (cache.count[cls])
            flush(cls, cache.count[cls]);
}
