#include <stdint.h>

#include "arch.h"
#include "irq.h"
#include "kvm.h"
#include "lapic.h"
#include "lib/printf.h"
#include "x86.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_ENABLE (1u << 11)

enum {
    REG_ID = 0x20, REG_TPR = 0x80, REG_EOI = 0xb0, REG_SVR = 0xf0, REG_ESR = 0x280,
    REG_ICR_LO = 0x300, REG_ICR_HI = 0x310, REG_LVT_TIMER = 0x320, REG_LVT_LINT0 = 0x350,
    REG_LVT_LINT1 = 0x360, REG_LVT_ERROR = 0x370, REG_TIMER_INIT = 0x380,
    REG_TIMER_COUNT = 0x390, REG_TIMER_DIVIDE = 0x3e0,
};
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define DELIVERY_EXTINT (7u << 8)
#define DELIVERY_NMI (4u << 8)
#define ICR_PENDING (1u << 12)
#define ICR_INIT 0x4500u    /* INIT, level assert */
#define ICR_STARTUP 0x4600u /* STARTUP, level assert */
#define TIMER_DIVIDE_16 0x3

static volatile uint32_t *regs;
static uint64_t ticks_per_s;

static uint32_t rd(unsigned reg) { return regs[reg / 4]; }
static void wr(unsigned reg, uint32_t v) { regs[reg / 4] = v; }

/* Counts timer ticks (divided by 16) over 10 ms of TSC time. */
static uint64_t calibrate(void)
{
    wr(REG_TIMER_DIVIDE, TIMER_DIVIDE_16);
    wr(REG_LVT_TIMER, LVT_MASKED | VECTOR_TIMER);
    wr(REG_TIMER_INIT, 0xffffffff);
    arch_delay_ns(10000000);
    uint32_t left = rd(REG_TIMER_COUNT);
    wr(REG_TIMER_INIT, 0);
    return (uint64_t)(0xffffffffu - left) * 100;
}

void lapic_init(int boot_cpu)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);
    if (!regs) {
        regs = kvm_map_mmio(base & ~0xfffULL, 4096);
        if (!regs)
            panic("lapic_init: no memory to map the local APIC");
    }
    wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    wr(REG_SVR, 0x100 | VECTOR_SPURIOUS);
    wr(REG_TPR, 0);
    wr(REG_LVT_ERROR, LVT_MASKED);
    wr(REG_LVT_LINT0, boot_cpu && irq_pic_through_lint0() ? DELIVERY_EXTINT : LVT_MASKED);
    wr(REG_LVT_LINT1, boot_cpu ? DELIVERY_NMI : LVT_MASKED);
    wr(REG_ESR, 0);
    wr(REG_EOI, 0);
    if (boot_cpu) {
        ticks_per_s = calibrate();
        if (ticks_per_s < 100000)
            panic("lapic_init: the local APIC timer ran %lu ticks/s", ticks_per_s);
        kprintf("astra: local APIC timer %lu.%03lu MHz (divided by 16)\n", ticks_per_s / 1000000,
                ticks_per_s / 1000 % 1000);
    }
}

unsigned lapic_id(void) { return rd(REG_ID) >> 24; }

void lapic_eoi(void) { wr(REG_EOI, 0); }

static void send(unsigned apic_id, uint32_t command)
{
    while (rd(REG_ICR_LO) & ICR_PENDING)
        __asm__ volatile("pause");
    wr(REG_ICR_HI, apic_id << 24);
    wr(REG_ICR_LO, command);
}

void lapic_send_ipi(unsigned apic_id, unsigned vector) { send(apic_id, vector & 0xff); }
void lapic_send_init(unsigned apic_id) { send(apic_id, ICR_INIT); }
void lapic_send_startup(unsigned apic_id, unsigned page) { send(apic_id, ICR_STARTUP | (page & 0xff)); }

void lapic_timer_start(unsigned hz)
{
    if (!ticks_per_s)
        panic("lapic_timer_start: the timer was not calibrated");
    wr(REG_TIMER_DIVIDE, TIMER_DIVIDE_16);
    wr(REG_LVT_TIMER, LVT_PERIODIC | VECTOR_TIMER);
    wr(REG_TIMER_INIT, (uint32_t)(ticks_per_s / hz));
}

void lapic_timer_stop(void) { wr(REG_TIMER_INIT, 0); }

/* The task priority holds back every class below VECTOR_TLB's: a CPU waiting for the BKL
 * must not take an interrupt whose handler needs the lock (the I/O APIC's and the MSI
 * vectors are fixed deliveries below it, held pending). The 8259's interrupts through LINT0
 * (ExtINT, the boot CPU's, when there is no I/O APIC) ignore the task priority, so LINT0 is
 * masked meanwhile; the 8259 keeps its line raised, and unmasking LINT0 lets it in again.
 * sti's one-instruction delay keeps an interrupt from slipping in between sti and hlt. */
void lapic_wait_urgent(void)
{
    uint32_t lint0 = rd(REG_LVT_LINT0);
    if (!(lint0 & LVT_MASKED))
        wr(REG_LVT_LINT0, lint0 | LVT_MASKED);
    wr(REG_TPR, (VECTOR_TLB & 0xf0) - 0x10);
    __asm__ volatile("sti; hlt; cli" ::: "memory");
    wr(REG_TPR, 0);
    if (!(lint0 & LVT_MASKED))
        wr(REG_LVT_LINT0, lint0);
}
