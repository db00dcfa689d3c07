#include "../internal/libc.h"

/* C's malloc family on the contract allocator, which needs each block's size and alignment
 * back: a 16-byte header just below the pointer holds them (as libastra's newlib layer
 * does, written again here for the musl ABI's errno). */
#include <astra/astra.h>

struct header {
    size_t size;  /* bytes allocated, header and alignment padding included */
    size_t align; /* the header sits `align` bytes into the block (>= 16) */
};
#define HEADER_ALIGN 16
_Static_assert(sizeof(struct header) == HEADER_ALIGN, "the header keeps 16-byte alignment");

static struct header *header_of(void *p) { return (struct header *)p - 1; }

static void *aligned(size_t align, size_t n, int zero)
{
    if (align < HEADER_ALIGN)
        align = HEADER_ALIGN;
    size_t total;
    if (__builtin_add_overflow(n, align, &total)) {
        errno = ENOMEM;
        return 0;
    }
    unsigned char *block = zero ? sys_alloc_zeroed(total, align) : sys_alloc(total, align);
    if (!block) {
        errno = ENOMEM;
        return 0;
    }
    void *p = block + align;
    *header_of(p) = (struct header){ total, align };
    return p;
}

void *malloc(size_t n) { return aligned(HEADER_ALIGN, n, 0); }

void free(void *p)
{
    if (!p)
        return;
    struct header h = *header_of(p);
    sys_free((unsigned char *)p - h.align, h.size, h.align);
}

void *calloc(size_t n, size_t m)
{
    size_t bytes;
    if (__builtin_mul_overflow(n, m, &bytes)) {
        errno = ENOMEM;
        return 0;
    }
    return aligned(HEADER_ALIGN, bytes, 1);
}

void *realloc(void *p, size_t n)
{
    if (!p)
        return malloc(n);
    struct header h = *header_of(p);
    if (h.align == HEADER_ALIGN && n <= SIZE_MAX - HEADER_ALIGN) {
        unsigned char *block = sys_realloc((unsigned char *)p - HEADER_ALIGN, h.size, HEADER_ALIGN, n + HEADER_ALIGN);
        if (!block) {
            errno = ENOMEM;
            return 0;
        }
        p = block + HEADER_ALIGN;
        header_of(p)->size = n + HEADER_ALIGN;
        return p;
    }
    void *q = aligned(h.align, n, 0);
    if (!q)
        return 0;
    size_t old = h.size - h.align;
    memcpy(q, p, old < n ? old : n);
    free(p);
    return q;
}

static int power_of_two(size_t a) { return a && !(a & (a - 1)); }

void *memalign(size_t align, size_t n)
{
    if (!power_of_two(align)) {
        errno = EINVAL;
        return 0;
    }
    return aligned(align, n, 0);
}

void *aligned_alloc(size_t align, size_t n) { return memalign(align, n); }

int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || !power_of_two(align))
        return EINVAL;
    int saved = errno;
    void *p = aligned(align, n, 0);
    errno = saved;
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

size_t malloc_usable_size(void *p) { return p ? header_of(p)->size - header_of(p)->align : 0; }
