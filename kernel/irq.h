/* Hardware interrupts through the two 8259 PICs, remapped to vectors 32..47. */
#ifndef ASTRA_KERNEL_IRQ_H
#define ASTRA_KERNEL_IRQ_H

#define IRQ_TIMER 0
#define IRQ_SERIAL2 3 /* COM2: the program's stdin */

/* Remaps the PICs and masks every line. */
void irq_init(void);
void irq_unmask(unsigned irq);
/* Called by trap() for vectors 32..47; acknowledges the interrupt first. */
void irq_handle(unsigned irq, int from_user);
/* Routes a device's line (PCI INTx as the firmware assigned it) to handler, and unmasks it. */
void irq_register(unsigned irq, void (*handler)(void));
/* Starts the PIT (channel 0) at hz interrupts per second on IRQ 0. */
void timer_start(unsigned hz);

#endif
