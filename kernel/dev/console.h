/* The serial ports: COM1 is the console (kernel log and the program's output, as a person
 * watching the machine sees it); COM2 carries only the program's fd 1 and COM3 its fd 2, so
 * that astra-run can hand them to its caller byte for byte. COM4 carries the system-call trace
 * (strace.c), when asked for.
 *
 * Locks of dev/ (proc/bkl.h has the order): all under the BKL, but for panic's output.
 *   console.c  the input escape state (input_escape, resize, resize_len): the COM2
 *              interrupt (on the CPU of the last reader to wait), which takes the BKL.
 *              Output needs no lock of its own (a line may interleave with panic()'s,
 *              which takes none).
 *   tty.c      the terminal (its termios, line buffer, foreground group, session).
 *   random.c   state; time.c: set at boot, read-only after.
 *   virtio_net.c  the rings, their buffers, tx_next: the BKL (the card's interrupt takes it).
 *   pci.c      no state. */
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
/* The calling CPU's thread is about to wait for input: the receive interrupt goes to this
 * CPU from now on (when the interrupt controller can send it there), so that the byte that
 * wakes the reader arrives on its own CPU and no IPI is needed to wake it. */
void console_input_wait_here(void);

#endif
