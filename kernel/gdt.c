#include <stdint.h>

#include "trap.h"

struct tss {
    uint32_t reserved0;
    uint64_t rsp0, rsp1, rsp2;
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));

static struct tss tss;
static uint64_t gdt[7];

void tss_set_kernel_stack(uint64_t rsp) { tss.rsp0 = rsp; }

/* Double faults run on their own stack so that a kernel stack overflow can still be reported. */
static uint8_t double_fault_stack[8192] __attribute__((aligned(16)));

void gdt_init(void)
{
    gdt[0] = 0;
    gdt[1] = 0x00af9a000000ffff; /* kernel code, 64-bit */
    gdt[2] = 0x00cf92000000ffff; /* kernel data */
    gdt[3] = 0x00cff2000000ffff; /* user data, DPL 3 */
    gdt[4] = 0x00affa000000ffff; /* user code, 64-bit, DPL 3 */
    uint64_t base = (uint64_t)&tss, limit = sizeof tss - 1;
    gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
             (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    gdt[6] = base >> 32;
    tss.iomap_base = sizeof tss;
    tss.ist[0] = (uint64_t)double_fault_stack + sizeof double_fault_stack;

    struct { uint16_t limit; uint64_t base; } __attribute__((packed)) ptr = { sizeof gdt - 1, (uint64_t)gdt };
    __asm__ volatile("lgdt %0\n"
                     "mov %1, %%ds\n mov %1, %%es\n mov %1, %%ss\n"
                     "xor %%eax, %%eax\n mov %%ax, %%fs\n mov %%ax, %%gs\n"
                     "pushq %2\n lea 1f(%%rip), %%rax\n pushq %%rax\n lretq\n1:\n"
                     "ltr %w3"
                     :
                     : "m"(ptr), "r"((uint64_t)GDT_KERNEL_DATA), "i"(GDT_KERNEL_CODE), "r"(GDT_TSS)
                     : "rax", "memory");
}
