/* malloc and friends for C programs, on the contract allocator (newlib is built with
 * MALLOC_PROVIDED). C's free() gets no size, so each block starts with a 16-byte header
 * holding the block's size and alignment, just below the pointer returned. Thread-safe as
 * the allocator is. */
#include <errno.h>
#include <reent.h>
#include <stdint.h>
#include <stdlib.h>

#include <astra/astra.h>

struct header {
    size_t size;  /* bytes allocated, header and alignment padding included */
    size_t align; /* the allocation's alignment; the header sits `align` bytes in (>= 16) */
};

#define HEADER_ALIGN 16
_Static_assert(sizeof(struct header) == HEADER_ALIGN, "the header keeps 16-byte alignment");

static struct header *header_of(void *p) { return (struct header *)p - 1; }

static void *aligned(struct _reent *r, size_t align, size_t n)
{
    if (align < HEADER_ALIGN)
        align = HEADER_ALIGN;
    if (align & (align - 1)) {
        r->_errno = EINVAL;
        return 0;
    }
    size_t total;
    if (__builtin_add_overflow(n, align, &total)) {
        r->_errno = ENOMEM;
        return 0;
    }
    unsigned char *block = sys_alloc(total, align);
    if (!block) {
        r->_errno = ENOMEM;
        return 0;
    }
    void *p = block + align;
    *header_of(p) = (struct header){ total, align };
    return p;
}

void *_malloc_r(struct _reent *r, size_t n) { return aligned(r, HEADER_ALIGN, n); }

void _free_r(struct _reent *r, void *p)
{
    (void)r;
    if (!p)
        return;
    struct header h = *header_of(p);
    sys_free((unsigned char *)p - h.align, h.size, h.align);
}

void *_calloc_r(struct _reent *r, size_t n, size_t m)
{
    size_t bytes;
    if (__builtin_mul_overflow(n, m, &bytes) || bytes > SIZE_MAX - HEADER_ALIGN) {
        r->_errno = ENOMEM;
        return 0;
    }
    unsigned char *block = sys_alloc_zeroed(bytes + HEADER_ALIGN, HEADER_ALIGN);
    if (!block) {
        r->_errno = ENOMEM;
        return 0;
    }
    void *p = block + HEADER_ALIGN;
    *header_of(p) = (struct header){ bytes + HEADER_ALIGN, HEADER_ALIGN };
    return p;
}

void *_realloc_r(struct _reent *r, void *p, size_t n)
{
    if (!p)
        return _malloc_r(r, n);
    struct header h = *header_of(p);
    if (h.align == HEADER_ALIGN && n <= SIZE_MAX - HEADER_ALIGN) {
        unsigned char *block = sys_realloc((unsigned char *)p - HEADER_ALIGN, h.size, HEADER_ALIGN, n + HEADER_ALIGN);
        if (!block) {
            r->_errno = ENOMEM;
            return 0;
        }
        p = block + HEADER_ALIGN;
        header_of(p)->size = n + HEADER_ALIGN;
        return p;
    }
    void *q = aligned(r, h.align, n);
    if (!q)
        return 0;
    size_t old = h.size - h.align;
    __builtin_memcpy(q, p, old < n ? old : n);
    _free_r(r, p);
    return q;
}

void *_memalign_r(struct _reent *r, size_t align, size_t n) { return aligned(r, align, n); }

void *_valloc_r(struct _reent *r, size_t n) { return aligned(r, ASTRA_PAGE_SIZE, n); }

void *_pvalloc_r(struct _reent *r, size_t n)
{
    return aligned(r, ASTRA_PAGE_SIZE, (n + ASTRA_PAGE_SIZE - 1) & ~(ASTRA_PAGE_SIZE - 1));
}

size_t _malloc_usable_size_r(struct _reent *r, void *p)
{
    (void)r;
    return p ? header_of(p)->size - header_of(p)->align : 0;
}

void *malloc(size_t n) { return _malloc_r(_REENT, n); }
void free(void *p) { _free_r(_REENT, p); }
void *calloc(size_t n, size_t m) { return _calloc_r(_REENT, n, m); }
void *realloc(void *p, size_t n) { return _realloc_r(_REENT, p, n); }
void *memalign(size_t align, size_t n) { return _memalign_r(_REENT, align, n); }
void *valloc(size_t n) { return _valloc_r(_REENT, n); }
void *pvalloc(size_t n) { return _pvalloc_r(_REENT, n); }
size_t malloc_usable_size(void *p) { return _malloc_usable_size_r(_REENT, p); }

/* POSIX: the alignment must be a power of two and a multiple of sizeof(void *). */
int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    struct _reent *r = _REENT;
    int saved = r->_errno;
    void *p = aligned(r, align, n);
    r->_errno = saved;
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}
