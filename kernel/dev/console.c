#include <astra/abi.h>

#include "arch.h"
#include "dev/console.h"

void console_init(void)
{
    /* Switching a FIFO on clears it: astra-run sends stdin only after the kernel has logged
     * "astra: starting", so nothing can be lost here. */
    for (unsigned i = 0; i < ARCH_SERIAL_PORTS; i++)
        arch_serial_init(i);
}

static void write_port(unsigned port, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        arch_serial_putc(port, buf[i]);
}

void console_write(enum console_channel ch, const char *buf, size_t len)
{
    write_port(0, buf, len);
    if (ch != CHANNEL_LOG)
        write_port(ch, buf, len);
}

/* Without waiting for the transmitter (arch_serial_putc_nowait says why). */
void console_trace_write(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        arch_serial_putc_nowait(CHANNEL_TRACE, buf[i]);
}

static void vlog(enum console_channel ch, const char *prefix, const char *fmt, va_list ap)
{
    char line[512];
    size_t n = 0;
    while (prefix[n] && n < sizeof line) {
        line[n] = prefix[n];
        n++;
    }
    int m = kvsnprintf(line + n, sizeof line - n, fmt, ap);
    n += (size_t)m < sizeof line - n ? (size_t)m : sizeof line - n - 1;
    write_port(0, line, n);
    if (ch != CHANNEL_LOG)
        write_port(ch, line, n);
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(CHANNEL_LOG, "", fmt, ap);
    va_end(ap);
}

void kwarn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(CHANNEL_STDERR, "astra: ", fmt, ap);
    va_end(ap);
}

_Noreturn void panic(const char *fmt, ...)
{
    arch_irq_disable();
    va_list ap;
    va_start(ap, fmt);
    vlog(CHANNEL_STDERR, "astra: KERNEL PANIC: ", fmt, ap);
    va_end(ap);
    kprintf("\n");
    machine_panic_exit();
}

/* ---- stdin: bytes arriving on COM2, for the terminal (tty.c) ----
 * astra-run escapes its stdin so that end of input and the host terminal's size can travel
 * on a serial line: 0xff 0xff is a 0xff byte, 0xff 0x00 is end of input, 0xff 0x01 and four
 * bytes (rows and columns, big-endian) is a new window size. When the terminal takes no more
 * input, the UART's receive interrupt is turned off, and QEMU holds the rest back. */

#include "dev/tty.h"

#define INPUT_PORT 1 /* COM2 */

static int input_escape;         /* after 0xff */
static unsigned char resize[4];  /* a window size being received */
static int resize_len = -1;

static void input_rx_enable(int on) { arch_serial_rx_irq(INPUT_PORT, on); }

static void input_byte(unsigned char c)
{
    if (resize_len >= 0) {
        resize[resize_len++] = c;
        if (resize_len == 4) {
            resize_len = -1;
            tty_host_resized((unsigned)resize[0] << 8 | resize[1], (unsigned)resize[2] << 8 | resize[3]);
        }
    } else if (input_escape) {
        input_escape = 0;
        if (c == 0x00)
            tty_input_eof();
        else if (c == 0x01)
            resize_len = 0;
        else
            tty_input(c);
    } else if (c == 0xff) {
        input_escape = 1;
    } else {
        tty_input(c);
    }
}

static void input_drain(void)
{
    while (tty_input_room() && arch_serial_rx_ready(INPUT_PORT))
        input_byte(arch_serial_getc(INPUT_PORT));
    input_rx_enable(tty_input_room());
}

void console_input_init(void)
{
    irq_register(IRQ_SERIAL2, "ttyS1", input_drain); /* the receive interrupt: stdin bytes arrived */
    arch_serial_irq_line_enable(INPUT_PORT);
    input_rx_enable(1);
}

void console_input_resume(void) { input_drain(); }

void console_input_wait_here(void) { irq_steer(IRQ_SERIAL2, this_cpu()->id); }
