/* The PC's serial ports: 16550 UARTs at the legacy I/O ports, numbered 0..3 for COM1..COM4. */
#ifndef ASTRA_KERNEL_UART_H
#define ASTRA_KERNEL_UART_H

#include <stdint.h>

#include "x86.h"

static const uint16_t uart_ports[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 }; /* COM1, COM2, COM3, COM4 */
#define ARCH_SERIAL_PORTS 4

static inline void arch_serial_init(unsigned port)
{
    uint16_t base = uart_ports[port];
    outb(base + 1, 0x00); /* no interrupts */
    outb(base + 3, 0x80); /* DLAB: set the divisor */
    outb(base + 0, 0x01); /* 115200 baud */
    outb(base + 1, 0x00);
    outb(base + 3, 0x03); /* 8N1 */
    outb(base + 2, 0xc7); /* FIFOs on and cleared; receive interrupt at 14 bytes (or a timeout) */
    outb(base + 4, 0x03); /* DTR, RTS */
}

/* Waits until the transmitter takes a byte. */
static inline void arch_serial_putc(unsigned port, char c)
{
    uint16_t base = uart_ports[port];
    while (!(inb(base + 5) & 0x20))
        ;
    outb(base, (uint8_t)c);
}

/* Without waiting for the transmitter: QEMU's UART hands each byte to its backend at once,
 * and a port read per byte would double the cost. */
static inline void arch_serial_putc_nowait(unsigned port, char c) { outb(uart_ports[port], (uint8_t)c); }

/* 1 when a received byte waits, which arch_serial_getc then returns. */
static inline int arch_serial_rx_ready(unsigned port) { return inb(uart_ports[port] + 5) & 1; }
static inline uint8_t arch_serial_getc(unsigned port) { return inb(uart_ports[port]); }

/* Turns the receive interrupt on or off. */
static inline void arch_serial_rx_irq(unsigned port, int on) { outb(uart_ports[port] + 1, on ? 0x01 : 0x00); }
/* DTR, RTS, OUT2: lets the UART raise its interrupt line. */
static inline void arch_serial_irq_line_enable(unsigned port) { outb(uart_ports[port] + 4, 0x0b); }

#endif
