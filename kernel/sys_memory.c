/* brk, mmap (anonymous memory), munmap, mprotect. */
#include <astra/abi.h>

#include "console.h"
#include "proc.h"
#include "uvm.h"

long ksys_brk(uint64_t addr) { return (long)uvm_brk(current_proc(), addr); }

long ksys_mmap(uint64_t addr, size_t len, int prot, int flags, int fd, long offset)
{
    (void)fd;
    if (offset & 4095)
        return -ASTRA_EINVAL;
    if (!(flags & ASTRA_MAP_ANONYMOUS)) {
        kwarn("mmap of a file is not supported (only anonymous memory): returning -ENODEV\n");
        return -ASTRA_ENODEV;
    }
    return uvm_mmap(current_proc(), addr, len, prot, flags);
}

long ksys_munmap(uint64_t addr, size_t len) { return uvm_munmap(current_proc(), addr, len); }

long ksys_mprotect(uint64_t addr, size_t len, int prot)
{
    return uvm_mprotect(current_proc(), addr, len, prot);
}
