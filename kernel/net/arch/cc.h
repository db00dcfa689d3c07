/* lwIP's compiler and platform port for the Astra kernel: freestanding, no libc headers
 * beyond gcc's own (stddef.h, stdint.h); diagnostics go to the kernel log. */
#ifndef ASTRA_LWIP_ARCH_CC_H
#define ASTRA_LWIP_ARCH_CC_H

#include <stdint.h>

#define LWIP_NO_INTTYPES_H 1
#define LWIP_NO_LIMITS_H 1
#define LWIP_NO_CTYPE_H 1
#define LWIP_NO_UNISTD_H 1

#define X8_F "02x"
#define U16_F "u"
#define S16_F "d"
#define X16_F "x"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "lu"

#define INT_MAX 0x7fffffff
#define SSIZE_MAX INT_MAX
typedef long ssize_t;

#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_RAND() lwip_port_rand()
uint32_t lwip_port_rand(void);

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define LWIP_PLATFORM_DIAG(x) do { kprintf x; } while (0)
#define LWIP_PLATFORM_ASSERT(x) panic("lwIP assertion \"%s\" failed at line %d in %s", x, __LINE__, __FILE__)

#endif
