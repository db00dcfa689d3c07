/* Formatting (printf.c) and the kernel log. The log's functions are implemented by the
 * console (dev/console.c), which owns the serial lines; lib/ only declares them, so that
 * the pure code here can report errors without depending on a device. */
#ifndef ASTRA_KERNEL_PRINTF_H
#define ASTRA_KERNEL_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* Kernel log on the console (COM1). kwarn also copies the line to the program's stderr
 * port, for messages the program's user must see (faults, unsupported calls). */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kwarn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
