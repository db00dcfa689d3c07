/* Multiprocessing: the CPUs the firmware lists (ACPI MADT) are started at boot; each runs
 * threads from the one run queue (sched.c) under the big kernel lock (bkl.h). */
#ifndef ASTRA_KERNEL_SMP_H
#define ASTRA_KERNEL_SMP_H

/* On the boot CPU, with the BKL held: enables its local APIC and starts the others, which
 * wait for the BKL in their idle loops. */
void smp_start(void);

#endif
