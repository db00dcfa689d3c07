#include "mm/pmm.h"

#define FRAMES (PMM_MAX_PHYS / 4096)

static uint64_t used[FRAMES / 64]; /* bit set: frame reserved or allocated */
static uint16_t refs[FRAMES];       /* of allocated frames; a process limit keeps it small */
static size_t free_count;
static size_t search_hint;
static uint64_t top;

static int is_used(size_t f) { return (used[f / 64] >> (f % 64)) & 1; }
static void set_used(size_t f) { used[f / 64] |= 1ULL << (f % 64); }
static void clear_used(size_t f) { used[f / 64] &= ~(1ULL << (f % 64)); }

void pmm_init(void)
{
    for (size_t i = 0; i < FRAMES / 64; i++)
        used[i] = ~0ULL;
    free_count = 0;
    search_hint = 0;
    top = 0;
}

void pmm_release_range(uint64_t base, uint64_t len)
{
    uint64_t first = (base + 4095) / 4096, end = (base + len) / 4096;
    if (end > FRAMES)
        end = FRAMES;
    for (uint64_t f = first; f < end; f++)
        if (is_used(f)) {
            clear_used(f);
            free_count++;
        }
    if (end > first && end * 4096 > top)
        top = end * 4096;
    if (first < search_hint)
        search_hint = first;
}

void pmm_reserve_range(uint64_t base, uint64_t len)
{
    uint64_t first = base / 4096, end = (base + len + 4095) / 4096;
    if (end > FRAMES)
        end = FRAMES;
    for (uint64_t f = first; f < end; f++)
        if (!is_used(f)) {
            set_used(f);
            free_count--;
        }
}

uint64_t pmm_alloc(void)
{
    if (!free_count)
        return 0;
    for (size_t n = 0; n < FRAMES / 64; n++) {
        size_t w = (search_hint / 64 + n) % (FRAMES / 64);
        if (used[w] == ~0ULL)
            continue;
        size_t f = w * 64 + (size_t)__builtin_ctzll(~used[w]);
        set_used(f);
        refs[f] = 1;
        free_count--;
        search_hint = f;
        return (uint64_t)f * 4096;
    }
    return 0;
}

int pmm_free(uint64_t pa)
{
    size_t f = pa / 4096;
    if (pa % 4096 || f >= FRAMES || !is_used(f))
        return -1;
    if (refs[f] > 1) {
        refs[f]--;
        return 0;
    }
    refs[f] = 0;
    clear_used(f);
    free_count++;
    if (f < search_hint)
        search_hint = f;
    return 0;
}

void pmm_ref(uint64_t pa) { refs[pa / 4096]++; }

unsigned pmm_refs(uint64_t pa) { return refs[pa / 4096]; }

size_t pmm_free_frames(void) { return free_count; }

uint64_t pmm_top(void) { return top; }
