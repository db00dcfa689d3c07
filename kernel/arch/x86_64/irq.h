/* Legacy device interrupts through the two 8259 PICs, remapped to vectors 32..47 and
 * delivered to the boot CPU. The timer is each CPU's local APIC timer (lapic.h). */
#ifndef ASTRA_KERNEL_IRQ_H
#define ASTRA_KERNEL_IRQ_H

#define IRQ_TIMER 0   /* the PIT's line: not used (local APIC timers), never a device's */
#define IRQ_SERIAL2 3 /* COM2: the program's stdin */

/* Remaps the PICs and masks every line. */
void irq_init(void);
void irq_unmask(unsigned irq);
/* Called by trap() for vectors 32..47; acknowledges the interrupt first. */
void irq_handle(unsigned irq, int from_user);
/* Routes a device's line (PCI INTx as the firmware assigned it) to handler, and unmasks it. */
void irq_register(unsigned irq, void (*handler)(void));

#endif
