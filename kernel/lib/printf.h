/* Formatting (printf.c) and the kernel log. The log's functions are implemented by the
 * console (dev/console.c), which owns the serial lines; lib/ only declares them, so that
 * the pure code here can report errors without depending on a device. */
#ifndef ASTRA_KERNEL_PRINTF_H
#define ASTRA_KERNEL_PRINTF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Kernel log on the console (COM1). kwarn also copies the line to the program's stderr
 * port, for messages the program's user must see (faults, unsupported calls). */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kwarn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* kwarn at most once per call site, or once per bit of `bits` there (a flag, or 1ULL << an
 * operation number), so that a program repeating an unsupported call, flag or operation
 * gets one line for each. Every call of the kernel runs under the BKL, which guards the
 * site's static word. The message names the call: "CALL: what is not supported: returning
 * -EERR". */
#define kwarn_once_for(bits, ...)                                                              \
    do {                                                                                       \
        static uint64_t kwarn_seen_;                                                           \
        uint64_t kwarn_bits_ = (bits);                                                         \
        if (kwarn_bits_ & ~kwarn_seen_) {                                                      \
            kwarn_seen_ |= kwarn_bits_;                                                        \
            kwarn(__VA_ARGS__);                                                                \
        }                                                                                      \
    } while (0)
#define kwarn_once(...) kwarn_once_for(1, __VA_ARGS__)

_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
