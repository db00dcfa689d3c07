/* Starting a program from the initrd. */
#ifndef ASTRA_KERNEL_EXEC_H
#define ASTRA_KERNEL_EXEC_H

#include <stddef.h>

/* Loads path from the initrd into a new program and returns its first thread, ready to run
 * (its trapframe set up); NULL with a message logged when the file is missing, is not an
 * executable Astra can run, or memory is exhausted. */
struct thread *exec_load(const void *initrd, size_t initrd_size, const char *path,
                         const char *const argv[], const char *const envp[]);

#endif
