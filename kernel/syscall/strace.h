/* System-call tracing for `astra-run --strace`: with strace=1 on the kernel command line,
 * every system call writes one record when it enters and one when it returns to COM4, and
 * astra-run decodes them with the syscall table (rust-target/astra-strace). */
#ifndef ASTRA_KERNEL_STRACE_H
#define ASTRA_KERNEL_STRACE_H

#include <stdint.h>

extern int strace_enabled;

void strace_enter(uint64_t nr, const uint64_t args[6]);
void strace_exit(uint64_t nr, const uint64_t args[6], long result);

#endif
