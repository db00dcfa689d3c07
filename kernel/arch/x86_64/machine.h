/* Leaving the machine: QEMU's isa-debug-exit device (port 0xf4) ends QEMU with status
 * (value << 1) | 1. That carries only 7 bits, so the kernel also logs the exact status, which
 * astra-run reads; a panic logs no status, and QEMU exits with 255. */
#ifndef ASTRA_KERNEL_MACHINE_H
#define ASTRA_KERNEL_MACHINE_H

/* Logs "astra: exit status N" and powers off. */
_Noreturn void machine_exit(int status);
/* Powers off after a kernel panic, without an exit status. */
_Noreturn void machine_panic_exit(void);

#endif
