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

void console_trace_write(const char *buf, size_t len)
{
    write_port(ports[CHANNEL_TRACE], buf, len);
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

/* ---- stdin: bytes arriving on COM2 ----
 * astra-run escapes its stdin so that end of input can travel on a serial line: 0xff 0xff
 * is a 0xff byte, 0xff 0x00 is end of input. Input waits in a ring until read; when the
 * ring is full the UART's receive interrupt is turned off, and QEMU holds the rest back. */

#include "irq.h"
#include "sched.h"
#include "vfs.h"

#define INPUT_SIZE 4096
#define COM2 0x2f8

static unsigned char input[INPUT_SIZE];
static size_t input_head, input_len;
static int input_eof, input_escape;

static void input_rx_enable(int on) { outb(COM2 + 1, on ? 0x01 : 0x00); }

static void input_drain(void)
{
    while (input_len < INPUT_SIZE && (inb(COM2 + 5) & 1)) {
        unsigned char c = inb(COM2);
        if (input_escape) {
            input_escape = 0;
            if (c == 0x00) {
                input_eof = 1;
                continue;
            }
        } else if (c == 0xff) {
            input_escape = 1;
            continue;
        }
        input[(input_head + input_len++) % INPUT_SIZE] = c;
    }
    input_rx_enable(input_len < INPUT_SIZE);
}

void console_input_irq(void)
{
    input_drain();
    waitq_wake_all(&vfs_events);
}

void console_input_init(void)
{
    irq_unmask(IRQ_SERIAL2);
    outb(COM2 + 4, 0x0b); /* DTR, RTS, OUT2: lets the UART raise its interrupt */
    input_rx_enable(1);
}

int console_input_ready(void) { return input_len || input_eof; }

long console_read(void *buf, size_t n, int nonblock)
{
    while (!input_len && !input_eof) {
        if (nonblock)
            return -ASTRA_EAGAIN;
        int r = waitq_sleep(&vfs_events, 0);
        if (r)
            return r;
    }
    size_t got = 0;
    unsigned char *out = buf;
    while (got < n && input_len) {
        out[got++] = input[input_head];
        input_head = (input_head + 1) % INPUT_SIZE;
        input_len--;
    }
    input_drain(); /* room again: take what the UART holds */
    return (long)got;
}
