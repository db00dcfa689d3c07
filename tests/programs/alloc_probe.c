/* C's malloc family on the contract allocator, and the allocator under Astra threads
 * (whose caches go back to the central lists when they exit). `alloc_probe <case>`. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <astra/astra.h>

#include "probe.h"

static int failures;
#define CHECK(cond)                                                                            \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            printf("FAILED line %d: %s\n", __LINE__, #cond);                                   \
            failures++;                                                                        \
        }                                                                                      \
    } while (0)

static int c_malloc(void)
{
    char *p = malloc(100);
    CHECK(p && (uintptr_t)p % 16 == 0);
    memset(p, 'a', 100);
    CHECK(malloc_usable_size(p) >= 100);
    p = realloc(p, 100000);
    CHECK(p && p[99] == 'a');
    p = realloc(p, 10);
    CHECK(p && p[9] == 'a');
    free(p);
    free(NULL);
    int *z = calloc(1000, sizeof *z);
    int zero = 1;
    for (int i = 0; i < 1000; i++)
        zero &= z[i] == 0;
    CHECK(zero);
    free(z);
    for (size_t align = 1; align <= 65536; align <<= 1) {
        void *a = memalign(align, 33);
        CHECK(a && (uintptr_t)a % align == 0);
        a = realloc(a, 70000);
        CHECK(a);
        free(a);
        void *b = NULL;
        int r = posix_memalign(&b, align, 5000);
        if (align < sizeof(void *))
            CHECK(r == EINVAL);
        else
            CHECK(r == 0 && (uintptr_t)b % align == 0);
        free(b);
    }
    void *al = aligned_alloc(4096, 8192);
    CHECK(al && (uintptr_t)al % 4096 == 0);
    free(al);
    void *v = valloc(10);
    CHECK(v && (uintptr_t)v % 4096 == 0);
    free(v);
    volatile size_t huge = SIZE_MAX; /* kept from the compiler, which would reject it */
    errno = 0;
    CHECK(malloc(huge) == NULL && errno == ENOMEM);
    errno = 0;
    CHECK(calloc(huge / 2, 4) == NULL && errno == ENOMEM);
    char *keep = malloc(8);
    keep[7] = 'k';
    char *moved = realloc(keep, huge - 8);
    CHECK(moved == NULL);
    if (!moved) { /* a failed realloc leaves the block as it was */
        char *still = keep;
        __asm__("" : "+r"(still));
        CHECK(still[7] == 'k');
        free(still);
    }
    void *x;
    CHECK(posix_memalign(&x, 24, 10) == EINVAL);
    /* newlib itself allocates through it: stdio buffers, strdup, big formatted output. */
    char *s = strdup("astra");
    CHECK(s && !strcmp(s, "astra"));
    free(s);
    FILE *f = fopen("/proc/self/statm", "r");
    CHECK(f != NULL);
    if (f)
        fclose(f);
    char *big = NULL;
    CHECK(asprintf(&big, "%05000d", 7) == 5000 && big[4999] == '7');
    free(big);
    printf("failures=%d\n", failures);
    return 0;
}

static void allocate_and_exit(size_t n)
{
    void *keep[64];
    for (int i = 0; i < 64; i++)
        keep[i] = sys_alloc(n * 8 % 3000 + 16, 8);
    for (int i = 0; i < 64; i++)
        sys_free(keep[i], n * 8 % 3000 + 16, 8);
}

static int thread_caches(void)
{
    for (int i = 0; i < 400; i++) /* every size once: the classes' first spans */
        sys_join(sys_spawn2(allocate_and_exit, (size_t)i, 2, 0, -1));
    long rss0 = probe_resident_kib();
    for (int i = 0; i < 3000; i++)
        sys_join(sys_spawn2(allocate_and_exit, (size_t)i, 2, 0, -1));
    printf("rss_growth_kib=%ld\n", probe_resident_kib() - rss0);
    return 0;
}

static int corrupted;

static void churn(size_t seed)
{
    enum { SLOTS = 128 };
    unsigned char *slot[SLOTS] = { 0 };
    size_t len[SLOTS] = { 0 };
    for (int i = 0; i < 100000; i++) {
        seed = seed * 1103515245 + 12345;
        int k = (int)((seed >> 8) % SLOTS);
        if (slot[k]) {
            for (size_t j = 0; j < len[k]; j += 31)
                corrupted |= slot[k][j] != (unsigned char)k;
            if (k % 2)
                free(slot[k]);
            else
                sys_free(slot[k], len[k], 8);
        }
        len[k] = (seed >> 16) % 5000 + 1;
        slot[k] = k % 2 ? malloc(len[k]) : sys_alloc(len[k], 8);
        memset(slot[k], k, len[k]);
    }
    for (int k = 0; k < SLOTS; k++) {
        if (k % 2)
            free(slot[k]);
        else
            sys_free(slot[k], len[k], 8);
    }
}

static int thread_churn(void)
{
    hermit_tid_t t[8];
    for (size_t i = 0; i < 8; i++)
        t[i] = sys_spawn2(churn, i + 1, 2, 0, -1);
    for (int i = 0; i < 8; i++)
        sys_join(t[i]);
    printf("corrupted=%d\n", corrupted);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "c_malloc"))
        return c_malloc();
    if (argc > 1 && !strcmp(argv[1], "thread_caches"))
        return thread_caches();
    if (argc > 1 && !strcmp(argv[1], "thread_churn"))
        return thread_churn();
    return 2;
}
