/* brk, mmap (anonymous memory and RAM files), msync, munmap, mprotect. */
#include <astra/abi.h>

#include "syscall/sys_fs.h"
#include "mm/uvm.h"
#include "proc/proc.h"

long ksys_brk(uint64_t addr) { return (long)uvm_brk(current_mm(), addr); }

long ksys_mmap(uint64_t addr, size_t len, int prot, int flags, int fd, long offset)
{
    if (offset & 4095)
        return -ASTRA_EINVAL;
    struct file *f = 0;
    if (!(flags & ASTRA_MAP_ANONYMOUS) && !(f = get_file(fd)))
        return -ASTRA_EBADF;
    return uvm_mmap(current_mm(), addr, len, prot, flags, f, (uint64_t)offset);
}

long ksys_msync(uint64_t addr, size_t len, int flags) { return uvm_msync(current_mm(), addr, len, flags); }

long ksys_munmap(uint64_t addr, size_t len) { return uvm_munmap(current_mm(), addr, len); }

long ksys_mprotect(uint64_t addr, size_t len, int prot)
{
    return uvm_mprotect(current_mm(), addr, len, prot);
}

long ksys_madvise(uint64_t addr, size_t len, int advice)
{
    return uvm_madvise(current_mm(), addr, len, advice);
}

long ksys_mremap(uint64_t old_addr, size_t old_len, size_t new_len, int flags, uint64_t new_addr)
{
    (void)new_addr; /* MREMAP_FIXED is not supported: it is refused below */
    return uvm_mremap(current_mm(), old_addr, old_len, new_len, flags);
}

/* Only on oneself: libastra uses it to copy through possibly bad pointers. */
static long vm_copy(int pid, uint64_t local, unsigned long liovcnt, uint64_t remote,
                    unsigned long riovcnt, unsigned long flags, int write_remote)
{
    struct proc *p = current_proc();
    if (flags || liovcnt > 1024 || riovcnt > 1024)
        return -ASTRA_EINVAL;
    if (pid != p->pid)
        return -ASTRA_ESRCH;
    struct astra_iovec l = { 0, 0 }, r = { 0, 0 };
    unsigned long li = 0, ri = 0;
    size_t loff = 0, roff = 0;
    long done = 0;
    unsigned char chunk[512];
    for (;;) {
        while (loff == l.iov_len && li < liovcnt) {
            if (uvm_copy_in(p->mm, &l, local + li++ * sizeof l, sizeof l))
                return -ASTRA_EFAULT;
            loff = 0;
        }
        while (roff == r.iov_len && ri < riovcnt) {
            if (uvm_copy_in(p->mm, &r, remote + ri++ * sizeof r, sizeof r))
                return -ASTRA_EFAULT;
            roff = 0;
        }
        if (loff == l.iov_len || roff == r.iov_len)
            return done;
        size_t n = l.iov_len - loff < r.iov_len - roff ? l.iov_len - loff : r.iov_len - roff;
        if (n > sizeof chunk)
            n = sizeof chunk;
        uint64_t src = write_remote ? (uint64_t)l.iov_base + loff : (uint64_t)r.iov_base + roff;
        uint64_t dst = write_remote ? (uint64_t)r.iov_base + roff : (uint64_t)l.iov_base + loff;
        if (uvm_copy_in(p->mm, chunk, src, n) || uvm_copy_out(p->mm, dst, chunk, n))
            return done ? done : -ASTRA_EFAULT;
        done += (long)n;
        loff += n;
        roff += n;
    }
}

long ksys_process_vm_readv(int pid, uint64_t local, unsigned long liovcnt, uint64_t remote,
                           unsigned long riovcnt, unsigned long flags)
{
    return vm_copy(pid, local, liovcnt, remote, riovcnt, flags, 0);
}

long ksys_process_vm_writev(int pid, uint64_t local, unsigned long liovcnt, uint64_t remote,
                            unsigned long riovcnt, unsigned long flags)
{
    return vm_copy(pid, local, liovcnt, remote, riovcnt, flags, 1);
}
