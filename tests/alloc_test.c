/* The contract allocator in the test process: every size class and alignment, realloc keeping
 * data, zeroed memory, impossible sizes and exhausted memory giving NULL, and many threads. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <astra/astra.h>

#include "../libastra/internal/alloc.h"

Test(alloc, every_power_of_two_alignment_up_to_64k_is_honoured)
{
    for (size_t align = 1; align <= 65536; align <<= 1) {
        size_t sizes[] = { 1, align, 3 * align + 1, 100000 };
        for (unsigned i = 0; i < 4; i++) {
            unsigned char *p = sys_malloc(sizes[i], align);
            cr_assert(p, "size %zu align %zu", sizes[i], align);
            cr_assert_eq((uintptr_t)p % align, 0, "size %zu align %zu", sizes[i], align);
            memset(p, 0x5a, sizes[i]);
            sys_free(p, sizes[i], align);
        }
    }
}

Test(alloc, impossible_requests_give_null_not_a_crash)
{
    cr_assert_null(sys_malloc(SIZE_MAX, 8));
    cr_assert_null(sys_malloc(SIZE_MAX / 2, 8));
    cr_assert_null(sys_malloc(64, 3)); /* alignment must be a power of two */
    cr_assert_null(sys_alloc_zeroed(SIZE_MAX - 4095, 4096));
}

Test(alloc, realloc_grows_and_shrinks_keeping_the_data)
{
    size_t size = 24;
    unsigned char *p = sys_malloc(size, 8);
    for (size_t i = 0; i < size; i++)
        p[i] = (unsigned char)i;
    size_t steps[] = { 100, 5000, 70000, 1 << 21, 300000, 40, 7 };
    for (unsigned s = 0; s < sizeof steps / sizeof steps[0]; s++) {
        size_t keep = size < steps[s] ? size : steps[s];
        p = sys_realloc(p, size, 8, steps[s]);
        cr_assert(p);
        for (size_t i = 0; i < keep; i++)
            cr_assert_eq(p[i], (unsigned char)i, "step %u byte %zu", s, i);
        for (size_t i = keep; i < steps[s]; i++)
            p[i] = (unsigned char)i;
        size = steps[s];
    }
    sys_free(p, size, 8);
}

Test(alloc, zeroed_memory_is_zero_even_after_reuse)
{
    unsigned char *p = sys_malloc(512, 16);
    memset(p, 0xff, 512);
    sys_free(p, 512, 16);
    unsigned char *q = sys_alloc_zeroed(512, 16);
    for (int i = 0; i < 512; i++)
        cr_assert_eq(q[i], 0);
    unsigned char *big = sys_alloc_zeroed(1 << 20, 64);
    for (int i = 0; i < (1 << 20); i += 4096)
        cr_assert_eq(big[i], 0);
    sys_free(q, 512, 16);
    sys_free(big, 1 << 20, 64);
}

Test(alloc, freed_small_blocks_are_reused)
{
    void *a = sys_malloc(100, 8);
    sys_free(a, 100, 8);
    void *b = sys_malloc(110, 8); /* same 112-byte class */
    cr_assert_eq(a, b);
    sys_free(b, 110, 8);
}

Test(alloc, size_classes_cover_every_size_without_gaps)
{
    int prev = 0;
    for (size_t size = 0; size <= ASTRA_ALLOC_MAX_SMALL; size++) {
        int cls = astra_size_class(size, 8);
        cr_assert_geq(cls, prev, "size %zu", size);
        cr_assert_leq(cls, prev + 1, "size %zu", size);
        cr_assert_geq(astra_class_size(cls), size, "size %zu", size);
        cr_assert_eq(astra_class_size(cls) % 16, 0);
        /* No class wastes more than a quarter (beyond the 16-byte granule). */
        cr_assert_leq(astra_class_size(cls), size + size / 4 + 16, "size %zu", size);
        prev = cls;
    }
    cr_expect_eq(prev, ASTRA_ALLOC_CLASSES - 1);
    cr_expect_eq(astra_class_size(ASTRA_ALLOC_CLASSES - 1), ASTRA_ALLOC_MAX_SMALL);
    cr_expect_eq(astra_size_class(ASTRA_ALLOC_MAX_SMALL + 1, 8), -1);
    cr_expect_eq(astra_size_class(8, 65536), -1);
    cr_expect_eq(astra_size_class(8, ASTRA_ALLOC_MAX_SMALL_ALIGN), astra_size_class(ASTRA_ALLOC_MAX_SMALL_ALIGN, 8));
    cr_expect_eq(astra_size_class(8, 2 * ASTRA_ALLOC_MAX_SMALL_ALIGN), -1);
}

Test(alloc, a_fresh_zeroed_block_needs_no_clearing_but_a_recycled_one_does)
{
    /* A class nothing else uses in this process: its first block comes from a fresh span. */
    size_t size = 700 * 1024;
    int fresh = 0;
    int cls = astra_size_class(size, 8);
    unsigned char *p = astra_small_alloc(cls, &fresh);
    cr_expect_eq(fresh, 1);
    cr_expect_eq(p[size - 1], 0);
    memset(p, 0xee, size);
    astra_small_free(p, cls);
    unsigned char *q = astra_small_alloc(cls, &fresh);
    cr_expect_eq(q, p);
    cr_expect_eq(fresh, 0);
    astra_small_free(q, cls);
    unsigned char *z = sys_alloc_zeroed(size, 8);
    for (size_t i = 0; i < size; i++)
        cr_assert_eq(z[i], 0, "byte %zu", i);
}

Test(alloc, live_blocks_never_overlap)
{
    enum { N = 4000 };
    static unsigned char *blocks[N];
    static size_t sizes[N], aligns[N];
    unsigned seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245 + 12345;
        sizes[i] = (seed >> 8) % (i % 10 == 0 ? 200000 : 600) + 1;
        aligns[i] = (size_t)1 << ((seed >> 4) % 8);
        blocks[i] = sys_alloc(sizes[i], aligns[i]);
        cr_assert(blocks[i]);
        cr_assert_eq((uintptr_t)blocks[i] % aligns[i], 0);
        memset(blocks[i], i & 0xff, sizes[i]);
        if (i % 3 == 0 && i > 0) { /* free some, so that later blocks reuse them */
            int j = i - 1;
            sys_free(blocks[j], sizes[j], aligns[j]);
            blocks[j] = NULL;
        }
    }
    for (int i = 0; i < N; i++) {
        if (!blocks[i])
            continue;
        for (size_t k = 0; k < sizes[i]; k++)
            cr_assert_eq(blocks[i][k], i & 0xff, "block %d byte %zu was overwritten", i, k);
        sys_free(blocks[i], sizes[i], aligns[i]);
    }
}

Test(alloc, large_realloc_moves_pages_and_keeps_the_data)
{
    size_t size = 100000;
    unsigned char *p = sys_alloc(size, 8);
    for (size_t i = 0; i < size; i++)
        p[i] = (unsigned char)(i * 7);
    size_t steps[] = { 1 << 20, 5 << 20, 300000, 40000, 64 * 1024 * 1024 };
    for (unsigned s = 0; s < 5; s++) {
        size_t keep = size < steps[s] ? size : steps[s];
        p = sys_realloc(p, size, 8, steps[s]);
        cr_assert(p);
        for (size_t i = 0; i < keep; i += 997)
            cr_assert_eq(p[i], (unsigned char)(i * 7), "step %u byte %zu", s, i);
        for (size_t i = keep; i < steps[s]; i++)
            p[i] = (unsigned char)(i * 7);
        size = steps[s];
    }
    sys_free(p, size, 8);
    unsigned char *a = sys_alloc(50000, 65536);
    cr_assert_eq((uintptr_t)a % 65536, 0);
    a[49999] = 9;
    a = sys_realloc(a, 50000, 65536, 3 << 20);
    cr_assert_eq((uintptr_t)a % 65536, 0);
    cr_expect_eq(a[49999], 9);
    sys_free(a, 3 << 20, 65536);
}

Test(alloc, small_zeroed_blocks_are_zero_after_reuse_in_every_class)
{
    for (int cls = 0; cls < ASTRA_ALLOC_CLASSES; cls++) {
        size_t size = astra_class_size(cls);
        unsigned char *p = sys_alloc(size, 8);
        memset(p, 0xff, size);
        sys_free(p, size, 8);
        unsigned char *q = sys_alloc_zeroed(size, 8);
        for (size_t i = 0; i < size; i++)
            cr_assert_eq(q[i], 0, "class %d byte %zu", cls, i);
        sys_free(q, size, 8);
    }
}

Test(alloc, exhausted_memory_gives_null_not_a_crash)
{
#ifdef ASTRA_SANITIZE
    cr_skip_test("AddressSanitizer's shadow memory does not fit under a 256 MiB RLIMIT_AS");
#endif
    struct rlimit lim = { 256 << 20, 256 << 20 };
    cr_assert_eq(setrlimit(RLIMIT_AS, &lim), 0);
    cr_expect_null(sys_alloc((size_t)1 << 30, 8));
    cr_expect_null(sys_alloc_zeroed((size_t)1 << 30, 4096));
    void *p = sys_alloc(1 << 20, 8);
    cr_assert(p);
    cr_expect_null(sys_realloc(p, 1 << 20, 8, (size_t)1 << 30));
    sys_free(p, 1 << 20, 8); /* still valid after the failed realloc */
    size_t small = 0;
    while (sys_alloc(4000, 8))
        small++;
    cr_expect_gt(small, 1000);
    cr_expect_null(sys_alloc(24, 8));
}

struct churn_args {
    unsigned seed;
    int ok;
};

static void *churn(void *p)
{
    struct churn_args *a = p;
    enum { SLOTS = 256 };
    unsigned char *slot[SLOTS] = { 0 };
    size_t len[SLOTS] = { 0 };
    a->ok = 1;
    for (int i = 0; i < 200000; i++) {
        a->seed = a->seed * 1103515245 + 12345;
        int k = (int)((a->seed >> 8) % SLOTS);
        if (slot[k]) {
            for (size_t j = 0; j < len[k]; j += 61)
                a->ok &= slot[k][j] == (unsigned char)k;
            sys_free(slot[k], len[k], 16);
        }
        len[k] = (a->seed >> 16) % 2048 + 1;
        slot[k] = sys_alloc(len[k], 16);
        memset(slot[k], k, len[k]);
    }
    for (int k = 0; k < SLOTS; k++)
        sys_free(slot[k], len[k], 16);
    return NULL;
}

Test(alloc, eight_threads_churning_keep_their_data, .timeout = 60)
{
    pthread_t t[8];
    struct churn_args args[8];
    for (int i = 0; i < 8; i++) {
        args[i] = (struct churn_args){ (unsigned)i * 77 + 1, 0 };
        pthread_create(&t[i], NULL, churn, &args[i]);
    }
    for (int i = 0; i < 8; i++) {
        pthread_join(t[i], NULL);
        cr_expect(args[i].ok, "thread %d saw corrupted data", i);
    }
}

/* ---- as an Astra program: C's malloc family and Astra threads ---- */
#include "support/run.h"

static struct run_result alloc_probe(const char *name)
{
    char *argv[] = { "alloc_probe", (char *)name, NULL };
    struct run_result r = run_program(test_bin("alloc_probe"), argv, NULL, "");
    cr_assert(r.exited && r.status == 0, "%s: exited=%d status=%d: %s", name, r.exited, r.status, r.out);
    return r;
}

Test(alloc_program, c_malloc_family_runs_on_the_contract_allocator)
{
    cr_expect_str_eq(alloc_probe("c_malloc").out, "failures=0\n");
}

Test(alloc_program, eight_astra_threads_mixing_malloc_and_sys_alloc_keep_their_data, .timeout = 60)
{
    cr_expect_str_eq(alloc_probe("thread_churn").out, "corrupted=0\n");
}

Test(alloc_program, exiting_threads_give_their_caches_back, .timeout = 60)
{
    long growth;
    struct run_result r = alloc_probe("thread_caches");
    cr_assert_eq(sscanf(r.out, "rss_growth_kib=%ld", &growth), 1, "%s", r.out);
    cr_expect_lt(growth, 512, "RSS grew by %ld KiB over 3000 threads", growth);
}

Test(alloc, thread_caches_are_bounded_in_bytes)
{
    for (int cls = 0; cls < ASTRA_ALLOC_CLASSES; cls++) {
        size_t limit = astra_alloc_cache_limits[cls];
        cr_expect_geq(limit, 2, "class %d", cls);
        cr_expect(limit == 2 || limit * astra_class_size(cls) <= 128 * 1024, "class %d", cls);
    }
}

Test(alloc, sys_dealloc_and_sys_free_are_the_same_release)
{
    void *a = sys_alloc(300, 32);
    sys_dealloc(a, 300, 32);
    void *b = sys_alloc(300, 32);
    cr_expect_eq(a, b); /* the block went back to this thread's cache */
    sys_free(b, 300, 32);
    sys_dealloc(NULL, 300, 32); /* no effect */
    sys_free(b, 300, 3);        /* a bad alignment is ignored, not a crash */
}
