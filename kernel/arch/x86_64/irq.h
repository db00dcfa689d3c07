/* Device interrupts. Legacy (ISA) lines arrive as vectors 32..47: through the I/O APIC when
 * the ACPI MADT lists one (ioapic.h; the 8259 PICs stay masked), each line sent to one CPU
 * that irq_steer can change; else through the two 8259 PICs, delivered to the boot CPU
 * (LINT0, ExtINT). Either way their vectors lie below the class the BKL's sleep lets in
 * (lapic.h: VECTOR_TLB), as every handler here takes the BKL. PCI devices with MSI-X get vectors of their
 * own (IRQ_VECTOR_MSI..) whose message names the CPU that takes them, so a driver can move
 * its interrupt to another CPU with one write to the device. Every device vector is counted
 * per CPU (/proc/interrupts), and so are the local APIC's (timer, rescheduling, TLB).
 * The timer is each CPU's local APIC timer (lapic.h). */
#ifndef ASTRA_KERNEL_IRQ_H
#define ASTRA_KERNEL_IRQ_H

#include <stddef.h>
#include <stdint.h>

#define IRQ_TIMER 0   /* the PIT's line: not used (local APIC timers), never a device's */
#define IRQ_SERIAL2 3 /* COM2: the program's stdin (COM1, COM3 and COM4 only send) */
#define IRQ_VECTOR_PIC 32  /* line n arrives as vector 32 + n */
#define IRQ_VECTOR_MSI 64  /* the first of IRQ_MSI_MAX vectors for message-signalled interrupts */
#define IRQ_MSI_MAX 8

/* Remaps the PICs and masks every line, then finds the I/O APIC and masks its inputs too.
 * After vm_init (the I/O APIC's registers are mapped). */
void irq_init(void);
/* Whether the 8259 is in use, delivering through the boot CPU's LINT0 (lapic.c). */
int irq_pic_through_lint0(void);
/* Routes a device's ISA line (or PCI INTx as the firmware assigned it: the MADT's override
 * makes it level-triggered) to handler, on the boot CPU, and unmasks it; name is what
 * /proc/interrupts calls it. */
void irq_register(unsigned irq, const char *name, void (*handler)(void));
/* Sends line irq's interrupts to CPU cpu (its index in cpus[]) from now on: one write to the
 * I/O APIC, made only when the CPU changes; nothing with the 8259 (always the boot CPU). */
void irq_steer(unsigned irq, unsigned cpu);
/* A vector of its own for a message-signalled interrupt, handled by handler: the vector, or
 * -1 when all IRQ_MSI_MAX are taken. chip and hwirq describe the source in /proc/interrupts. */
int irq_msi_alloc(const char *chip, unsigned hwirq, const char *name, void (*handler)(void));
/* The message (address and data, for an MSI or MSI-X entry) that delivers vector to CPU cpu
 * (its index in cpus[]), edge-triggered, fixed delivery. */
void irq_msi_message(unsigned vector, unsigned cpu, uint64_t *address, uint32_t *data);

/* Whether vector is a device's (a PIC line or an MSI vector): trap() gives those to
 * irq_handle, which acknowledges the interrupt first. */
int irq_is_device(unsigned vector);
void irq_handle(unsigned vector, int from_user);
/* Counts an interrupt or exception of vector on the calling CPU (trap(), at entry; no lock:
 * each CPU writes only its own counters). */
void irq_account(unsigned vector);
/* /proc/interrupts in Linux's format: a header of the online CPUs, then a row per registered
 * device interrupt and per local APIC kind, counts per CPU. Returns the length (at most
 * size - 1; rows that do not fit are left out). */
size_t irq_describe(char *text, size_t size);

#endif
