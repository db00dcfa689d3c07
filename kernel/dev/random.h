/* Random bytes for getrandom and AT_RANDOM: RDSEED/RDRAND when the CPU has them, otherwise
 * a xorshift generator seeded from the TSC and the RTC (not cryptographic; logged once). */
#ifndef ASTRA_KERNEL_RANDOM_H
#define ASTRA_KERNEL_RANDOM_H

#include <stddef.h>

void random_init(void);
void random_fill(void *buf, size_t len);

#endif
