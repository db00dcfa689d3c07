/* Legacy device interrupts through the two 8259 PICs, remapped to vectors 32..47 and
 * delivered to the boot CPU. The timer is each CPU's local APIC timer (lapic.h). */
#ifndef ASTRA_KERNEL_IRQ_H
#define ASTRA_KERNEL_IRQ_H

#define IRQ_SERIAL2 3 /* COM2: the program's stdin */

/* Remaps the PICs and masks every line. */
void irq_init(void);
void irq_unmask(unsigned irq);
/* Called by trap() for vectors 32..47; acknowledges the interrupt first. */
void irq_handle(unsigned irq, int from_user);

#endif
