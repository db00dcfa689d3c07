/* The architecture interface: everything the generic kernel (mm/, proc/, fs/, dev/, net/,
 * syscall/, main.c) may use of the machine, for x86_64. Generic code includes only this
 * header from arch/; a second architecture is a folder of its own with an arch.h that offers
 * the same names. What it provides:
 *   layout.h  the virtual memory layout (KERNEL_VMA, DIRECT_MAP, USER_TOP, P2V/V2P, PAGE_SIZE)
 *   vm.h      page tables: map, walk, unmap, the PTE_* rights
 *   kvm.h     the kernel's address space: kernel stacks, device registers (kvm_map_mmio)
 *   percpu.h  the per-CPU block (this_cpu(), cpus[], cpu_count) and cpu_load_cr3
 *   trap.h    struct trapframe (a thread's user state), trap_return, tss_set_kernel_stack
 *   tlb.h     TLB shootdown across CPUs
 *   lapic.h   the timer tick (lapic_timer_start/stop) and inter-processor interrupts
 *   irq.h     device interrupt lines: irq_register, irq_steer
 *   smp.h     starting the other CPUs
 *   machine.h leaving the machine (machine_exit, machine_panic_exit)
 *   uart.h    the serial ports (arch_serial_*), numbered 0..3
 * and the functions below: thread switches, FPU state, thread-pointer registers, switching
 * address spaces, idling, the cycle counter and the RTC, hardware random numbers, device I/O
 * space, PCI configuration space, the boot information and CPU set-up.
 * Static inline where a call would cost more than the instruction it wraps.
 *
 * Locks of arch/x86_64 (proc/bkl.h has the order):
 *   percpu.h  a CPU's block is its own; idling, tlb_pending and online are read by others
 *             without a lock (volatile flags); tlb_stale is set by the BKL holder and
 *             cleared by its CPU under the BKL.
 *   tlb.c     request: written by the BKL holder, answered by each CPU without the BKL;
 *             remaining counts the answers down (atomics).
 *   kvm.c     kstack_used, the deferred frees and the MMIO cursor: BKL.
 *   smp.c     start-up state (starting_id, started, ap_state): the boot CPU during
 *             smp_start, with each starting CPU's handshake through volatile flags; cpus[]
 *             and cpu_count: written at start-up, read after.
 *   gdt.c     each CPU's GDT, TSS and double-fault stack: that CPU's.
 *   trap.c    the IDT: written once at boot. irq.c: the PIC mask and the interrupt sources
 *             (with their I/O APIC entries, ioapic.c): BKL; the interrupt counts: each
 *             CPU writes its own, readers take a racy copy.
 *   lapic.c, cpu.c, clock.c, multiboot.c, vm.c (vm_nx_enabled, kernel_pgtable): set at boot,
 *             read-only after; the kernel half of every page table: BKL. */
#ifndef ASTRA_KERNEL_ARCH_H
#define ASTRA_KERNEL_ARCH_H

#include <stddef.h>
#include <stdint.h>

#include "irq.h"
#include "kvm.h"
#include "lapic.h"
#include "layout.h"
#include "machine.h"
#include "percpu.h"
#include "smp.h"
#include "tlb.h"
#include "trap.h"
#include "uart.h"
#include "vm.h"
#include "x86.h"

/* A thread's saved FPU state (x87, SSE, AVX, AVX-512: an XSAVE image in the standard form,
 * or an FXSAVE image on a CPU without XSAVE) lives in a buffer of ARCH_FPU_STATE_MAX bytes
 * aligned to ARCH_FPU_STATE_ALIGN; arch_fpu_state_size() says how much of it the CPU's
 * features use (CPUID leaf 0xD: 2688 bytes with AVX-512, 832 with AVX, 512 without XSAVE). */
#define ARCH_FPU_STATE_MAX 4096
#define ARCH_FPU_STATE_ALIGN 64

/* Thread switches. arch_context_init prepares a kernel stack whose top is stack_top so that
 * the first arch_switch to it runs entry(), or with entry NULL, thread_start() (proc.c),
 * which enters user mode; it returns the stack pointer to give arch_switch. arch_switch
 * saves the calling thread's kernel registers and stack pointer in *save and continues the
 * thread whose saved stack pointer is next (entry.S). */
void switch_context(uint64_t *save, uint64_t next);
void thread_first_run(void);
static inline void arch_switch(uint64_t *save, uint64_t next) { switch_context(save, next); }
static inline uint64_t arch_context_init(uint64_t stack_top, void (*entry)(void))
{
    /* switch_context pops six callee-saved registers, then returns to entry. */
    uint64_t *sp = (uint64_t *)stack_top;
    *--sp = (uint64_t)(entry ? entry : thread_first_run);
    for (int i = 0; i < 6; i++)
        *--sp = 0;
    return (uint64_t)sp;
}
/* Makes kstack_top the stack that interrupts and system calls from user mode enter on, and
 * page_tables the address space, on the calling CPU (smp.c), reloaded if shootdowns passed
 * this CPU by while it idled; NULL keeps the loaded one (an idle thread; tlb_forget takes it
 * away before its tables are freed). */
void arch_thread_enter(uint64_t kstack_top, uint64_t *page_tables);

/* Saves or loads the calling CPU's FPU/SSE/AVX registers (XSAVEOPT or XSAVE and XRSTOR,
 * else FXSAVE and FXRSTOR: arch/x86_64/cpu.c). */
void arch_fpu_save(uint8_t *state);
void arch_fpu_restore(const uint8_t *state);
/* Fills state with the FPU state a new program starts with: x87 control word 0x37f, MXCSR
 * 0x1f80, everything else in its initial state. */
void arch_fpu_init_state(uint8_t *state);
/* The bytes of a thread's FPU state this CPU uses (at most ARCH_FPU_STATE_MAX). */
size_t arch_fpu_state_size(void);

/* The user thread pointer (FS base) and the user's second base register (GS base, which
 * swapgs brings in on the way out), for the thread about to return to user mode. */
static inline void arch_set_user_tls(uint64_t fs_base) { wrmsr(MSR_FS_BASE, fs_base); }
static inline void arch_set_user_gs(uint64_t gs_base) { wrmsr(MSR_KERNEL_GS_BASE, gs_base); }

/* Makes the page tables whose top table is top the calling CPU's address space. */
static inline void arch_load_page_tables(uint64_t *top) { cpu_load_cr3(V2P(top)); }
/* Drops this CPU's TLB entry for one page (other CPUs: tlb_shootdown). */
static inline void arch_tlb_flush_local(uint64_t va) { invlpg(va); }

/* Enables interrupts and halts until one arrives, then disables them again; an interrupt
 * cannot slip in between enabling and halting. */
static inline void arch_idle_halt(void) { __asm__ volatile("sti; hlt; cli" ::: "memory"); }
/* Lets pending interrupts in for about `spins` pause instructions (a wait loop at boot). */
static inline void arch_irq_window(unsigned spins)
{
    __asm__ volatile("sti; 1: pause; dec %0; jnz 1b; cli" : "+r"(spins) :: "memory", "cc");
}
/* A spin-wait hint. */
static inline void arch_cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }
/* Orders stores to memory a device reads, and loads from memory a device writes (x86 keeps
 * both orders: only the compiler must be stopped). */
static inline void arch_dma_wmb(void) { __asm__ volatile("" ::: "memory"); }
static inline void arch_dma_rmb(void) { __asm__ volatile("" ::: "memory"); }

/* A cycle counter that runs at a constant rate from power-on (the TSC). */
static inline uint64_t arch_counter(void) { return rdtsc(); }
/* The counter's frequency in Hz, measured at boot (arch/x86_64/clock.c). */
uint64_t arch_counter_calibrate(void);
/* Waits ns nanoseconds of counter time (after arch_counter_calibrate). */
void arch_delay_ns(uint64_t ns);
/* The battery-backed clock's date and time (UTC). */
struct arch_date { int year, month, day, hour, minute, second; };
void arch_rtc_read(struct arch_date *date);

/* A program's AT_HWCAP and AT_HWCAP2, as Linux fills them (arch/x86_64/hwcap.c). */
uint64_t arch_elf_hwcap(void);
uint64_t arch_elf_hwcap2(void);

/* How the vDSO's getcpu reads the CPU number on this machine: a VDSO_GETCPU_* of vdso_arch.h
 * (arch/x86_64/tsc_aux.c, which also sets up every CPU for it). */
unsigned arch_vdso_getcpu(void);

/* Hardware random numbers (RDSEED, else RDRAND): arch_random_init says whether there are
 * any; arch_random_u64 gives 1 with *v, or 0 when the hardware has none to give. */
int arch_random_init(void);
int arch_random_u64(uint64_t *v);

/* Device I/O space (x86 ports: the legacy devices and PCI's I/O BARs). */
static inline uint8_t arch_io_read8(uint16_t port) { return inb(port); }
static inline uint16_t arch_io_read16(uint16_t port) { return inw(port); }
static inline uint32_t arch_io_read32(uint16_t port) { return inl(port); }
static inline void arch_io_write8(uint16_t port, uint8_t v) { outb(port, v); }
static inline void arch_io_write16(uint16_t port, uint16_t v) { outw(port, v); }
static inline void arch_io_write32(uint16_t port, uint32_t v) { outl(port, v); }

/* PCI configuration space (mechanism #1 through ports 0xCF8/0xCFC). */
uint32_t arch_pci_config_read32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset);
void arch_pci_config_write32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset, uint32_t value);

/* Disables interrupts on this CPU for good (panic). */
static inline void arch_irq_disable(void) { cli(); }

/* Copies the command line (panics when it does not fit in cmdline_size), finds the initrd
 * (*initrd_size 0: none) and gives usable RAM to the frame allocator, keeping the kernel
 * image, the initrd and the low 1 MiB reserved (arch/x86_64/multiboot.c). */
void arch_boot_info(uint32_t info_phys, char *cmdline, size_t cmdline_size, uint64_t *initrd_phys,
                    uint64_t *initrd_size);

/* Sets up the CPU's control registers and the system-call entry (arch/x86_64/cpu.c). */
void arch_cpu_init(void);

#endif
