/* libastra's allocator on the host harnesses: the C heap, so AddressSanitizer watches what
 * the resolver allocates. */
#include <stdlib.h>

#include <astra/astra.h>

void *sys_alloc(size_t size, size_t align) { return aligned_alloc(align, (size + align - 1) / align * align); }

void sys_free(void *ptr, size_t size, size_t align)
{
    (void)size, (void)align;
    free(ptr);
}
