/* What the boot loader hands over (multiboot1, as QEMU's -kernel does). */
#include <stdint.h>

#include "arch.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/pmm.h"
#include "multiboot.h"

extern char _bss_end_phys[];

/* Copies what the kernel keeps from the multiboot information and gives usable RAM to the
 * frame allocator, keeping the kernel image, the initrd and the low 1 MiB reserved. */
void arch_boot_info(uint32_t info_phys, char *cmdline, size_t cmdline_size, uint64_t *initrd_phys,
                    uint64_t *initrd_size)
{
    const struct multiboot_info *mb = P2V(info_phys);
    if ((mb->flags & MB_INFO_CMDLINE) && strlcpy(cmdline, P2V(mb->cmdline), cmdline_size) >= cmdline_size)
        panic("the kernel command line is longer than %lu bytes (a very large environment?)",
              (uint64_t)cmdline_size - 1);
    if ((mb->flags & MB_INFO_MODS) && mb->mods_count > 0) {
        const struct multiboot_module *m = P2V(mb->mods_addr);
        *initrd_phys = m->start;
        *initrd_size = m->end - m->start;
    }
    if (!(mb->flags & MB_INFO_MMAP))
        panic("boot loader gave no memory map");
    pmm_init();
    uint64_t total = 0;
    for (uint64_t off = 0; off < mb->mmap_length;) {
        const struct multiboot_mmap_entry *e = P2V(mb->mmap_addr + off);
        if (e->type == 1) {
            pmm_release_range(e->base, e->length);
            total += e->length;
        }
        off += e->size + sizeof e->size;
    }
    pmm_reserve_range(0, 0x100000);
    pmm_reserve_range(KERNEL_LOAD_PHYS, (uint64_t)_bss_end_phys - KERNEL_LOAD_PHYS);
    if (*initrd_size)
        pmm_reserve_range(*initrd_phys, *initrd_size);
    kprintf("astra: %lu MiB of RAM, %lu frames free, initrd %lu bytes\n", total >> 20,
            pmm_free_frames(), *initrd_size);
}
