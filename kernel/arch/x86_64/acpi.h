/* ACPI, read only for what the kernel needs: from the MADT, the CPUs, the I/O APICs and the
 * ISA interrupt source overrides. */
#ifndef ASTRA_KERNEL_ACPI_H
#define ASTRA_KERNEL_ACPI_H

#include <stdint.h>

struct acpi_ioapic {
    unsigned id;       /* its APIC id */
    uint64_t address;  /* its registers' physical address */
    unsigned gsi_base; /* the global system interrupt of its first input */
};

/* Fills apic_ids with the local APIC ids of the enabled CPUs (the boot CPU among them) and
 * returns how many, at most max; 0 when the firmware gives no MADT. */
unsigned acpi_cpus(unsigned *apic_ids, unsigned max);
/* Fills out with the I/O APICs the MADT lists and returns how many, at most max. */
unsigned acpi_ioapics(struct acpi_ioapic *out, unsigned max);
/* The global system interrupt ISA line irq arrives on, and how it signals: the MADT's
 * override for it, else the ISA default (the same number, edge, active high). */
void acpi_isa_irq(unsigned irq, unsigned *gsi, int *level, int *active_low);

#endif
