#include <stdint.h>

#include "acpi.h"
#include "arch.h"
#include "fpu.h"
#include "kvm.h"
#include "lapic.h"
#include "layout.h"
#include "lib/kstring.h"
#include "lib/printf.h"
#include "mm/pmm.h"
#include "percpu.h"
#include "proc/bkl.h"
#include "proc/sched.h"
#include "smp.h"
#include "smp_layout.h"
#include "trap.h"
#include "tsc_aux.h"
#include "vm.h"
#include "x86.h"

#define EFER_LME (1u << 8)

struct percpu cpus[MAX_CPUS];
unsigned cpu_count = 1;

extern const char ap_trampoline[], ap_trampoline_args[], ap_trampoline_end[];

/* The control registers and syscall MSRs of the boot CPU, which every CPU copies. */
static struct {
    uint64_t cr0, cr4, efer, star, lstar, fmask;
} boot_regs;
static volatile unsigned starting_id;
static volatile int started;

/* The CPU being started and the boot CPU agree, with one compare-and-swap each, on whether it
 * arrived in time or was given up: a vCPU that a loaded host schedules late may still arrive
 * after the boot CPU stopped waiting, and must then stay out of the kernel. */
enum { AP_WAITING = 1, AP_ARRIVED, AP_ABANDONED };
static int ap_state;

static _Noreturn void park(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

void percpu_init(unsigned id)
{
    struct percpu *c = &cpus[id];
    c->self = c;
    c->id = id;
    wrmsr(MSR_GS_BASE, (uint64_t)c);
    wrmsr(MSR_KERNEL_GS_BASE, 0);
    tsc_aux_init(id);
}

void cpu_load_cr3(uint64_t cr3)
{
    struct percpu *cpu = this_cpu();
    cpu->cr3 = cr3;
    cpu->tlb_stale = 0; /* the load drops every entry of the old address space (no PGE for them) */
    write_cr3(cr3);
}

void arch_thread_enter(uint64_t kstack_top, uint64_t *page_tables)
{
    struct percpu *cpu = this_cpu();
    cpu->kernel_rsp = kstack_top;
    tss_set_kernel_stack(kstack_top);
    if (!page_tables)
        return; /* an idle thread: it keeps the last address space (tlb_forget before it goes) */
    uint64_t cr3 = V2P(page_tables);
    if (cpu->cr3 != cr3 || cpu->tlb_stale)
        cpu_load_cr3(cr3); /* tlb_stale: shootdowns passed this CPU by while it idled (tlb.c) */
}

static void delay_us(uint64_t us)
{
    arch_delay_ns(us * 1000);
}

static _Noreturn void ap_entry(void)
{
    int waiting = AP_WAITING;
    if (!__atomic_compare_exchange_n(&ap_state, &waiting, AP_ARRIVED, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        park(); /* too late: the boot CPU went on without this one */
    write_cr3(V2P(kernel_pgtable));
    write_cr0(boot_regs.cr0);
    write_cr4(boot_regs.cr4);
    fpu_cpu_enable();
    wrmsr(MSR_EFER, boot_regs.efer);
    wrmsr(MSR_STAR, boot_regs.star);
    wrmsr(MSR_LSTAR, boot_regs.lstar);
    wrmsr(MSR_FMASK, boot_regs.fmask);
    unsigned id = starting_id;
    gdt_init(id);
    idt_load();
    percpu_init(id);
    struct percpu *me = this_cpu();
    me->cr3 = V2P(kernel_pgtable);
    lapic_init(0);
    me->online = 1;
    __atomic_store_n(&started, 1, __ATOMIC_RELEASE);
    lapic_timer_start(TIMER_HZ);
    bkl_lock();
    sched_enter_idle();
}

/* Page tables for the trampoline: the first 2 MiB at their physical address (one large
 * page), and the kernel's upper half. The frames must lie below 4 GiB (a 32-bit CR3). */
static uint64_t trampoline_tables(uint64_t frames[3])
{
    for (int i = 0; i < 3; i++) {
        frames[i] = pmm_alloc();
        if (!frames[i] || frames[i] >= (1ULL << 32))
            return 0;
        memset(P2V(frames[i]), 0, PAGE_SIZE);
    }
    uint64_t *pml4 = P2V(frames[0]), *pdpt = P2V(frames[1]), *pd = P2V(frames[2]);
    pml4[0] = frames[1] | PTE_P | PTE_W;
    pdpt[0] = frames[2] | PTE_P | PTE_W;
    pd[0] = PTE_P | PTE_W | PTE_PS;
    for (int i = 256; i < 512; i++)
        pml4[i] = kernel_pgtable[i];
    return frames[0];
}

/* The wait after INIT, in microseconds: the MP specification's 10 ms for old processors;
 * none for Intel family 6 and later or AMD family 0xf and later, as Linux decides
 * (smp_quirk_init_udelay): they take the start-up IPI at once. */
static uint64_t init_delay_us(void)
{
    uint32_t r[4];
    cpuid(0, 0, r);
    int intel = r[1] == 0x756e6547, amd = r[1] == 0x68747541; /* "Genu", "Auth" */
    cpuid(1, 0, r);
    uint32_t family = (r[0] >> 8) & 0xf;
    if (family == 0xf)
        family += (r[0] >> 20) & 0xff;
    return (intel && family >= 6) || (amd && family >= 0xf) ? 0 : 10000;
}

static int start_cpu(unsigned index, unsigned apic_id, struct ap_trampoline_args *args)
{
    uint64_t stack = kstack_alloc();
    if (!stack || sched_init_cpu(index))
        return -1;
    cpus[index].apic_id = apic_id;
    args->stack = stack;
    starting_id = index;
    started = 0;
    __atomic_store_n(&ap_state, AP_WAITING, __ATOMIC_RELEASE);
    lapic_send_init(apic_id);
    delay_us(init_delay_us());
    /* A real CPU starts within microseconds; QEMU's vCPU threads on a busy host have been
     * seen to take more than 100 ms, so the second wait is long. */
    for (int attempt = 0; attempt < 2 && __atomic_load_n(&ap_state, __ATOMIC_ACQUIRE) == AP_WAITING; attempt++) {
        lapic_send_startup(apic_id, TRAMPOLINE_PHYS >> 12);
        for (int waited = 0; waited < (attempt ? 3000000 : 200) &&
                             __atomic_load_n(&ap_state, __ATOMIC_ACQUIRE) == AP_WAITING; waited += 10)
            delay_us(10);
    }
    int waiting = AP_WAITING;
    if (__atomic_compare_exchange_n(&ap_state, &waiting, AP_ABANDONED, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return -1;
    while (!__atomic_load_n(&started, __ATOMIC_ACQUIRE)) /* it arrived: it finishes quickly */
        __asm__ volatile("pause");
    return 0;
}

void smp_start(void)
{
    unsigned ids[MAX_CPUS];
    unsigned n = acpi_cpus(ids, MAX_CPUS);
    struct percpu *boot = this_cpu();
    lapic_init(1);
    boot->apic_id = lapic_id();
    boot->cr3 = read_cr3();
    boot->online = 1;
    if (n <= 1) {
        kprintf("astra: 1 CPU\n");
        return;
    }
    boot_regs.cr0 = read_cr0(), boot_regs.cr4 = read_cr4(), boot_regs.efer = rdmsr(MSR_EFER);
    boot_regs.star = rdmsr(MSR_STAR), boot_regs.lstar = rdmsr(MSR_LSTAR), boot_regs.fmask = rdmsr(MSR_FMASK);
    uint64_t frames[3] = { 0, 0, 0 };
    uint64_t cr3 = trampoline_tables(frames);
    size_t size = (size_t)(ap_trampoline_end - ap_trampoline);
    if (cr3 && size <= PAGE_SIZE) {
        memcpy(P2V(TRAMPOLINE_PHYS), ap_trampoline, size);
        struct ap_trampoline_args *args = P2V(TRAMPOLINE_PHYS + (uint64_t)(ap_trampoline_args - ap_trampoline));
        args->cr3 = (uint32_t)cr3;
        args->efer = EFER_LME | (uint32_t)(boot_regs.efer & EFER_NXE);
        args->entry = (uint64_t)ap_entry;
        for (unsigned i = 0; i < n && cpu_count < MAX_CPUS; i++) {
            if (ids[i] == boot->apic_id)
                continue;
            if (start_cpu(cpu_count, ids[i], args)) {
                /* It may still run the trampoline later: its page tables, stack and
                 * arguments stay as they are, and no other CPU is started with them. */
                kwarn("CPU with local APIC id %u did not start within 3 s: going on without it and "
                      "the CPUs after it\n", ids[i]);
                frames[0] = frames[1] = frames[2] = 0;
                break;
            }
            cpu_count++;
        }
    } else {
        kwarn("no memory below 4 GiB for the start-up page tables: using 1 CPU\n");
    }
    for (int i = 0; i < 3; i++)
        if (frames[i])
            pmm_free(frames[i]);
    kprintf("astra: %u CPUs online (of %u listed)\n", cpu_count, n);
}
