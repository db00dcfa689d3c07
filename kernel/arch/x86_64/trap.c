#include <stdint.h>

#include <astra/abi.h>

#include "emulated.h"
#include "irq.h"
#include "lapic.h"
#include "lib/printf.h"
#include "mm/uvm.h"
#include "percpu.h"
#include "proc/bkl.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/usersym.h"
#include "tlb.h"
#include "trap.h"
#include "x86.h"

struct idt_entry {
    uint16_t offset_lo, selector;
    uint8_t ist, type;
    uint16_t offset_mid;
    uint32_t offset_hi, reserved;
} __attribute__((packed));

static struct idt_entry idt[256];
extern const uint64_t exception_stubs[32];
extern const char irq_stubs[];
#define IRQ_STUB_SIZE 16

static void idt_set(unsigned vec, uint64_t handler, unsigned ist)
{
    idt[vec] = (struct idt_entry){
        .offset_lo = handler & 0xffff,
        .selector = GDT_KERNEL_CODE,
        .ist = (uint8_t)ist,
        .type = 0x8e, /* present, DPL 0, interrupt gate: IF cleared on entry */
        .offset_mid = (handler >> 16) & 0xffff,
        .offset_hi = handler >> 32,
    };
}

void idt_init(void)
{
    for (unsigned v = 0; v < 32; v++)
        idt_set(v, exception_stubs[v], v == 8 ? 1 : 0);
    for (unsigned v = 32; v < 256; v++)
        idt_set(v, (uint64_t)irq_stubs + (v - 32) * IRQ_STUB_SIZE, 0);
    idt_load();
}

void idt_load(void)
{
    struct { uint16_t limit; uint64_t base; } __attribute__((packed)) ptr = { sizeof idt - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" ::"m"(ptr));
}

static const char *const exception_names[32] = {
    "divide error (#DE)", "debug (#DB)", "NMI", "breakpoint (#BP)", "overflow (#OF)",
    "bound range (#BR)", "invalid opcode (#UD)", "device not available (#NM)",
    "double fault (#DF)", "coprocessor segment overrun", "invalid TSS (#TS)",
    "segment not present (#NP)", "stack fault (#SS)", "general protection (#GP)",
    "page fault (#PF)", "reserved 15", "x87 floating point (#MF)", "alignment check (#AC)",
    "machine check (#MC)", "SIMD floating point (#XM)", "virtualization (#VE)",
    "control protection (#CP)", "reserved 22", "reserved 23", "reserved 24", "reserved 25",
    "reserved 26", "reserved 27", "hypervisor injection (#HV)", "VMM communication (#VC)",
    "security (#SX)", "reserved 31",
};

/* The signal Linux sends for this exception, with siginfo's code and address. */
static int signal_for(const struct trapframe *tf, uint64_t cr2, int *code, uint64_t *addr)
{
    *code = ASTRA_SI_KERNEL;
    *addr = 0;
    switch (tf->vector) {
    case 0:
        *code = ASTRA_FPE_INTDIV, *addr = tf->rip;
        return ASTRA_SIGFPE;
    case 16: case 19: return ASTRA_SIGFPE;
    case 1: case 3: return ASTRA_SIGTRAP;
    case 6:
        *code = ASTRA_ILL_ILLOPN, *addr = tf->rip;
        return ASTRA_SIGILL;
    case 17:
        *code = ASTRA_BUS_ADRALN, *addr = cr2;
        return ASTRA_SIGBUS;
    case 14:
        *code = uvm_mapped(current_mm(), cr2) ? ASTRA_SEGV_ACCERR : ASTRA_SEGV_MAPERR, *addr = cr2;
        return ASTRA_SIGSEGV;
    default: return ASTRA_SIGSEGV;
    }
}

static void describe_page_fault(char *buf, size_t size, uint64_t err)
{
    ksnprintf(buf, size, " (%s %s, %s)", err & 16 ? "instruction fetch" : err & 2 ? "write" : "read",
              err & 1 ? "violating page protection" : "of an unmapped page",
              err & 4 ? "user mode" : "kernel mode");
}

/* The local APIC's interrupts: the timer and the rescheduling IPI (whose work is done by
 * entering the kernel: signals are delivered on the way out). */
static void local_interrupt(const struct trapframe *tf, int user)
{
    lapic_eoi();
    if (tf->vector == VECTOR_TIMER) {
        sched_tick(user);
    }
}

static void handle(struct trapframe *tf)
{
    int user = (tf->cs & 3) == 3;
    if (tf->vector >= 32) {
        if (irq_is_device((unsigned)tf->vector))
            irq_handle((unsigned)tf->vector, user);
        else
            local_interrupt(tf, user);
        if (user)
            signal_deliver(tf, -1);
        return;
    }
    uint64_t cr2 = read_cr2();
    int r = 0;
    if (tf->vector == 14 && user) {
        r = uvm_handle_fault(current_mm(), cr2, tf->error);
        if (r == 0) {
            signal_deliver(tf, -1);
            return;
        }
    }

    char detail[96] = "";
    if (tf->vector == 14)
        describe_page_fault(detail, sizeof detail, tf->error);
    const char *name = tf->vector < 32 ? exception_names[tf->vector] : "unexpected interrupt";
    struct thread *t = current_thread();
    int sig = 0, code;
    uint64_t addr;
    if (user && (sig = signal_for(tf, cr2, &code, &addr)) && r == -ASTRA_EIO)
        sig = ASTRA_SIGBUS, code = ASTRA_BUS_ADRERR; /* a file mapping past the end of its file */
    if (user && sig && signal_fault(sig, code, addr, tf)) {
        signal_deliver(tf, -1); /* the program's handler takes it */
        return;
    }
    if (user) {
        kwarn("%s fault: %s%s, vector %lu, error 0x%lx, rip 0x%lx, address (cr2) 0x%lx, rsp 0x%lx, "
              "thread %d of %s: program stopped\n",
              "user", name, detail, tf->vector, tf->error, tf->rip, cr2, tf->rsp, t ? t->tid : 0,
              t ? t->proc->name : "?");
        usersym_report(t ? t->proc : 0, tf->rip);
        proc_exit_group(sig);
    }
    panic("kernel fault on CPU %u: %s%s, vector %lu, error 0x%lx, rip 0x%lx, address (cr2) 0x%lx, rsp 0x%lx, "
          "thread %d",
          this_cpu()->id, name, detail, tf->vector, tf->error, tf->rip, cr2, tf->rsp, t ? t->tid : 0);
}

/* Every interrupt and exception. Interrupts come from user mode or from an idle CPU, neither
 * holding the BKL, or from the rare kernel loop that waits with interrupts on while holding
 * it (the boot CPU waiting for DHCP); a TLB shootdown is answered without it (its sender
 * holds it). An exception in kernel mode is a kernel bug, reported without waiting. */
void trap(struct trapframe *tf)
{
    if (emulated_syscall_fault(tf)) {
        syscall_dispatch(tf);
        return;
    }
    irq_account((unsigned)tf->vector);
    if (tf->vector == VECTOR_TLB) {
        lapic_eoi();
        tlb_service();
        return;
    }
    if (tf->vector == VECTOR_SPURIOUS)
        return;
    /* A tick in user mode with nothing to do (no queued thread, no deadline, no network on
     * this CPU, no signal or stop for the thread: racy reads that at worst leave the work
     * to the next tick) is answered without the BKL: CPUs running threads in parallel would
     * otherwise meet at the lock a thousand times a second. */
    struct thread *cur = current_thread();
    if (tf->vector == VECTOR_TIMER && (tf->cs & 3) == 3 && !sched_tick_wanted() && !signal_pending(cur) &&
        !cur->proc->stopped) {
        lapic_eoi();
        return;
    }
    if ((tf->cs & 3) == 0 && (tf->vector < 32 || bkl_held())) {
        handle(tf);
        return;
    }
    bkl_lock();
    handle(tf);
    bkl_unlock();
}
