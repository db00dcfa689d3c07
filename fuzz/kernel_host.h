/* The host stand-ins for kernel services (kernel_host.c). */
#ifndef ASTRA_FUZZ_KERNEL_HOST_H
#define ASTRA_FUZZ_KERNEL_HOST_H

#include <stddef.h>

/* Gives the frame allocator `frames` pages of heap memory as its physical memory. */
void kernel_host_memory(size_t frames);

#endif
