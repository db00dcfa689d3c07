/* The local APIC of each CPU (xAPIC, memory-mapped): its timer drives preemption and
 * timeouts on every CPU; inter-processor interrupts start CPUs, wake idle ones and flush
 * TLBs. Without an I/O APIC, the 8259 PICs' legacy device lines (the console's serial
 * input) are delivered to the boot CPU through LINT0 as ExtINT (irq.h). */
#ifndef ASTRA_KERNEL_LAPIC_H
#define ASTRA_KERNEL_LAPIC_H

#include <stdint.h>

#define VECTOR_TIMER 48      /* the local APIC timer */
#define VECTOR_RESCHEDULE 49 /* wake an idle CPU, or make a busy one enter the kernel */
/* TLB shootdown, and the wake-up of a CPU sleeping for the BKL: both answered without the
 * lock, in the highest priority class, the only one lapic_wait_urgent lets in. No vector
 * whose handler takes the BKL may be in that class (0xf0-0xff): it would deadlock there. */
#define VECTOR_TLB 0xf0
#define VECTOR_SPURIOUS 255

/* Maps the local APICs (once) and enables the calling CPU's; the boot CPU also measures the
 * timer's rate against the TSC. */
void lapic_init(int boot_cpu);
unsigned lapic_id(void);
void lapic_eoi(void);
void lapic_send_ipi(unsigned apic_id, unsigned vector);
void lapic_send_init(unsigned apic_id);
void lapic_send_startup(unsigned apic_id, unsigned page);
/* Runs the calling CPU's timer periodically at hz; lapic_timer_stop stops it. */
void lapic_timer_start(unsigned hz);
void lapic_timer_stop(void);
/* Halts the calling CPU (interrupts off on entry and on return) until an interrupt in
 * VECTOR_TLB's priority class arrives; the others stay pending meanwhile. */
void lapic_wait_urgent(void);

#endif
