/* The CPU number user mode reads without entering the kernel (tsc_aux.c). */
#ifndef ASTRA_KERNEL_TSC_AUX_H
#define ASTRA_KERNEL_TSC_AUX_H

/* Sets the calling CPU's TSC_AUX to Linux's encoding of its number (percpu_init, on every
 * CPU), when the CPU has an instruction that reads it (RDPID, RDTSCP). */
void tsc_aux_init(unsigned cpu);

#endif
