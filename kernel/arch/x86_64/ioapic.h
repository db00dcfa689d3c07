/* The I/O APIC(s): the ACPI MADT lists them, each a window of two registers onto its
 * redirection table, one 64-bit entry per input (global system interrupt) that says which
 * vector goes to which CPU, how the input signals, and whether it is masked. irq.c routes the
 * ISA lines through it when the machine has one (then the 8259 stays masked), else through
 * the 8259. */
#ifndef ASTRA_KERNEL_IOAPIC_H
#define ASTRA_KERNEL_IOAPIC_H

/* Finds the I/O APICs, maps their registers and masks every input: 1, or 0 when the MADT
 * lists none (or none could be mapped). After vm_init. */
int ioapic_init(void);
/* Routes global system interrupt gsi to vector on the CPU with local APIC id apic_id (fixed
 * delivery, physical destination) with the given trigger mode and polarity, unmasked: 0, or
 * -1 when no I/O APIC has that input. */
int ioapic_route(unsigned gsi, unsigned vector, unsigned apic_id, int level, int active_low);
/* Sends gsi's interrupts to the CPU with local APIC id apic_id from now on: one write of the
 * entry's upper half (the destination), the rest unchanged. */
void ioapic_set_destination(unsigned gsi, unsigned apic_id);

#endif
