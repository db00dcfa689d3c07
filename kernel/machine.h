/* Leaving the machine: QEMU's isa-debug-exit device (port 0xf4) ends QEMU with status
 * (value << 1) | 1; astra-run turns that back into the program's exit status. */
#ifndef ASTRA_KERNEL_MACHINE_H
#define ASTRA_KERNEL_MACHINE_H

#define MACHINE_EXIT_PANIC 0x7f /* QEMU exits with 255: the kernel itself failed */

/* Logs "astra: exit status N" (astra-run reads the exact status there) and powers off. */
_Noreturn void machine_exit(int status);

#endif
