#include "console.h"
#include "machine.h"
#include "x86.h"

static const uint16_t ports[] = { 0x3f8, 0x2f8, 0x3e8 }; /* COM1, COM2, COM3 */

static void serial_init(uint16_t base)
{
    outb(base + 1, 0x00); /* no interrupts */
    outb(base + 3, 0x80); /* DLAB: set the divisor */
    outb(base + 0, 0x01); /* 115200 baud */
    outb(base + 1, 0x00);
    outb(base + 3, 0x03); /* 8N1 */
    outb(base + 2, 0xc7); /* FIFO on, cleared */
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
