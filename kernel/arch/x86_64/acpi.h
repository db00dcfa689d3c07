/* ACPI, read only for what the kernel needs: the CPUs listed in the MADT. */
#ifndef ASTRA_KERNEL_ACPI_H
#define ASTRA_KERNEL_ACPI_H

/* Fills apic_ids with the local APIC ids of the enabled CPUs (the boot CPU among them) and
 * returns how many, at most max; 0 when the firmware gives no MADT. */
unsigned acpi_cpus(unsigned *apic_ids, unsigned max);

#endif
