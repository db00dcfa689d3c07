#include <astra/astra.h>
#include <stdint.h>

#include "../internal/alloc.h"

static int valid_align(size_t align) { return align && !(align & (align - 1)); }

void *sys_alloc(size_t size, size_t align)
{
    if (!valid_align(align))
        return 0;
    int cls = astra_size_class(size, align), fresh;
    return cls >= 0 ? astra_small_alloc(cls, &fresh) : astra_large_alloc(size, align);
}

void *sys_malloc(size_t size, size_t align) { return sys_alloc(size, align); }

/* Large blocks and never-used small ones are fresh pages, zero already (a fresh small block
 * but for its free-list link); only recycled blocks need clearing. */
void *sys_alloc_zeroed(size_t size, size_t align)
{
    if (!valid_align(align))
        return 0;
    int cls = astra_size_class(size, align), fresh;
    if (cls < 0)
        return astra_large_alloc(size, align);
    void *p = astra_small_alloc(cls, &fresh);
    if (p)
        __builtin_memset(p, 0, fresh ? sizeof(uintptr_t) : size);
    return p;
}

void sys_free(void *ptr, size_t size, size_t align)
{
    if (!ptr || !valid_align(align))
        return;
    int cls = astra_size_class(size, align);
    if (cls >= 0)
        astra_small_free(ptr, cls);
    else
        astra_large_free(ptr, size);
}

void sys_dealloc(void *ptr, size_t size, size_t align) { sys_free(ptr, size, align); }

void *sys_realloc(void *ptr, size_t size, size_t align, size_t new_size)
{
    if (!ptr)
        return sys_alloc(new_size, align);
    if (!valid_align(align))
        return 0;
    int old_cls = astra_size_class(size, align), new_cls = astra_size_class(new_size, align);
    if (old_cls >= 0 && old_cls == new_cls)
        return ptr;
    if (old_cls < 0 && new_cls < 0)
        return astra_large_realloc(ptr, size, align, new_size);
    void *p = sys_alloc(new_size, align);
    if (!p)
        return 0;
    __builtin_memcpy(p, ptr, size < new_size ? size : new_size);
    sys_free(ptr, size, align);
    return p;
}
