#include <astra/astra.h>

#include "../internal/syscall.h"
#include "../internal/translate.h"
#include "../internal/uaccess.h"

/* Anonymous private memory of `size` bytes; its address goes to *ret. */
int sys_mmap(size_t size, uint32_t prot_flags, void **ret)
{
    int prot = astra_prot_from_hermit(prot_flags);
    if (prot < 0 || size == 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    long m = astra_syscall6(ASTRA_NR_mmap, 0, (long)size, prot,
                            ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    if (astra_is_err(m))
        return (int)astra_ret(m);
    void *p = (void *)m;
    long r = astra_copy_to_user(ret, &p, sizeof p);
    if (r < 0)
        astra_syscall2(ASTRA_NR_munmap, m, (long)size);
    return (int)astra_ret(r);
}

int sys_munmap(void *ptr, size_t size)
{
    return (int)astra_ret(astra_syscall2(ASTRA_NR_munmap, (long)ptr, (long)size));
}

int sys_mprotect(void *ptr, size_t size, uint32_t prot_flags)
{
    int prot = astra_prot_from_hermit(prot_flags);
    if (prot < 0)
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall3(ASTRA_NR_mprotect, (long)ptr, (long)size, prot));
}
