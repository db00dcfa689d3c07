/* The serial ports: COM1 is the console (kernel log and the program's output, as a person
 * watching the machine sees it); COM2 carries only the program's fd 1 and COM3 its fd 2, so
 * that astra-run can hand them to its caller byte for byte. COM4 carries the system-call trace
 * (strace.c), when asked for. */
#ifndef ASTRA_KERNEL_CONSOLE_H
#define ASTRA_KERNEL_CONSOLE_H

#include <stddef.h>

#include "lib/printf.h" /* kprintf, kwarn and panic write to the console */

enum console_channel { CHANNEL_LOG, CHANNEL_STDOUT, CHANNEL_STDERR, CHANNEL_TRACE };

void console_init(void);
/* Writes program output: to COM1 and to the channel's own port. */
void console_write(enum console_channel ch, const char *buf, size_t len);
/* Writes trace records to COM4 only. */
void console_trace_write(const char *buf, size_t len);

/* Console input: the serial port's bytes, for the terminal (tty.c). */
void console_input_init(void);
/* The terminal has room again: takes what the serial port holds. */
void console_input_resume(void);
/* The COM2 receive interrupt: stdin bytes arrived. */
void console_input_irq(void);

#endif
