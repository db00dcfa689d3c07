#include <astra/abi.h>

#include "console.h"
#include "machine.h"
#include "x86.h"

static const uint16_t ports[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 }; /* COM1, COM2, COM3, COM4 */

static void serial_init(uint16_t base)
{
    outb(base + 1, 0x00); /* no interrupts */
    outb(base + 3, 0x80); /* DLAB: set the divisor */
    outb(base + 0, 0x01); /* 115200 baud */
    outb(base + 1, 0x00);
    outb(base + 3, 0x03); /* 8N1 */
    outb(base + 2, 0xc7); /* FIFOs on and cleared; receive interrupt at 14 bytes (or a timeout) */
    outb(base + 4, 0x03); /* DTR, RTS */
}

static void serial_putc(uint16_t base, char c)
{
    while (!(inb(base + 5) & 0x20))
        ;
    outb(base, (uint8_t)c);
}

void console_init(void)
{
    /* Switching a FIFO on clears it: astra-run sends stdin only after the kernel has logged
     * "astra: starting", so nothing can be lost here. */
    for (unsigned i = 0; i < sizeof ports / sizeof ports[0]; i++)
        serial_init(ports[i]);
}

static void write_port(uint16_t base, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        serial_putc(base, buf[i]);
}

void console_write(enum console_channel ch, const char *buf, size_t len)
{
    write_port(ports[0], buf, len);
    if (ch != CHANNEL_LOG)
        write_port(ports[ch], buf, len);
}

/* Without waiting for the transmitter: QEMU's UART hands each byte to its backend at once,
 * and a port read per byte would double the cost of tracing. */
void console_trace_write(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        outb(ports[CHANNEL_TRACE], (uint8_t)buf[i]);
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
    write_port(ports[0], line, n);
    if (ch != CHANNEL_LOG)
        write_port(ports[ch], line, n);
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
    cli();
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

#include "irq.h"
#include "tty.h"

#define COM2 0x2f8

static int input_escape;         /* after 0xff */
static unsigned char resize[4];  /* a window size being received */
static int resize_len = -1;

static void input_rx_enable(int on) { outb(COM2 + 1, on ? 0x01 : 0x00); }

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
    while (tty_input_room() && (inb(COM2 + 5) & 1))
        input_byte(inb(COM2));
    input_rx_enable(tty_input_room());
}

void console_input_irq(void) { input_drain(); }

void console_input_init(void)
{
    irq_unmask(IRQ_SERIAL2);
    outb(COM2 + 4, 0x0b); /* DTR, RTS, OUT2: lets the UART raise its interrupt */
    input_rx_enable(1);
}

void console_input_resume(void) { input_drain(); }
