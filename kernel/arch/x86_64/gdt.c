#include <stdint.h>

#include "percpu.h"
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

/* Each CPU has its own TSS (its kernel stack for interrupts; a busy TSS cannot be shared)
 * and so its own GDT to describe it. */
static struct tss tss_of[MAX_CPUS];
static uint64_t gdt_of[MAX_CPUS][7];

void tss_set_kernel_stack(uint64_t rsp) { tss_of[this_cpu()->id].rsp0 = rsp; }

/* Double faults run on their own stack so that a kernel stack overflow can still be reported. */
static uint8_t double_fault_stack[MAX_CPUS][8192] __attribute__((aligned(16)));

void gdt_init(unsigned cpu)
{
    struct tss *t = &tss_of[cpu];
    uint64_t *gdt = gdt_of[cpu];
    gdt[0] = 0;
    gdt[1] = 0x00af9a000000ffff; /* kernel code, 64-bit */
    gdt[2] = 0x00cf92000000ffff; /* kernel data */
    gdt[3] = 0x00cff2000000ffff; /* user data, DPL 3 */
    gdt[4] = 0x00affa000000ffff; /* user code, 64-bit, DPL 3 */
    uint64_t base = (uint64_t)t, limit = sizeof *t - 1;
    gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
             (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    gdt[6] = base >> 32;
    t->iomap_base = sizeof *t;
    t->ist[0] = (uint64_t)double_fault_stack[cpu] + sizeof double_fault_stack[cpu];

    struct { uint16_t limit; uint64_t base; } __attribute__((packed)) ptr = { sizeof gdt_of[cpu] - 1, (uint64_t)gdt };
    __asm__ volatile("lgdt %0\n"
                     "mov %1, %%ds\n mov %1, %%es\n mov %1, %%ss\n"
                     "xor %%eax, %%eax\n mov %%ax, %%fs\n mov %%ax, %%gs\n"
                     "pushq %2\n lea 1f(%%rip), %%rax\n pushq %%rax\n lretq\n1:\n"
                     "ltr %w3"
                     :
                     : "m"(ptr), "r"((uint64_t)GDT_KERNEL_DATA), "i"(GDT_KERNEL_CODE), "r"(GDT_TSS)
                     : "rax", "memory");
}
