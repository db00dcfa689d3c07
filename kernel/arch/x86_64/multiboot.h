/* The multiboot1 information structure (what QEMU -kernel passes in ebx). */
#ifndef ASTRA_KERNEL_MULTIBOOT_H
#define ASTRA_KERNEL_MULTIBOOT_H

#include <stdint.h>

#define MB_INFO_CMDLINE (1u << 2)
#define MB_INFO_MODS (1u << 3)
#define MB_INFO_MMAP (1u << 6)

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_module {
    uint32_t start, end;
    uint32_t string;
    uint32_t reserved;
} __attribute__((packed));

struct multiboot_mmap_entry {
    uint32_t size; /* of the rest of this entry */
    uint64_t base, length;
    uint32_t type; /* 1: usable RAM */
} __attribute__((packed));

#endif
