#include "../internal/lock.h"
#include "../internal/spawn.h"
#include "../internal/syscall.h"

/* Mappings of joined threads are kept for reuse (mmap + mprotect + munmap cost more than the
 * thread itself), up to a bound so that memory does not grow with the number of threads. */
#define CACHE_MAX_ENTRIES 16
#define CACHE_MAX_BYTES (64UL << 20)

struct cached_map {
    struct cached_map *next;
    size_t size;
};

static astra_lock_t cache_lock = ASTRA_LOCK_INIT;
static struct cached_map *cache_head;
static unsigned cache_entries;
static size_t cache_bytes;

/* The bookkeeping lives in the cached mapping itself, just above its guard page. */
static struct cached_map *node_of(void *base) { return (struct cached_map *)((char *)base + ASTRA_PAGE_SIZE); }

void *astra_thread_map_get(size_t size)
{
    astra_lock(&cache_lock);
    for (struct cached_map **p = &cache_head; *p; p = &(*p)->next) {
        if ((*p)->size == size) {
            struct cached_map *n = *p;
            *p = n->next;
            cache_entries--;
            cache_bytes -= size;
            astra_unlock(&cache_lock);
            return (char *)n - ASTRA_PAGE_SIZE;
        }
    }
    astra_unlock(&cache_lock);
    return 0;
}

void astra_thread_map_put(void *base, size_t size)
{
    astra_lock(&cache_lock);
    if (cache_entries < CACHE_MAX_ENTRIES && cache_bytes + size <= CACHE_MAX_BYTES) {
        struct cached_map *n = node_of(base);
        n->size = size;
        n->next = cache_head;
        cache_head = n;
        cache_entries++;
        cache_bytes += size;
        astra_unlock(&cache_lock);
        return;
    }
    astra_unlock(&cache_lock);
    astra_syscall2(ASTRA_NR_munmap, (long)base, (long)size);
}
