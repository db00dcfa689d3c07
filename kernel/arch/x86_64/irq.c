#include "irq.h"
#include "x86.h"

static uint16_t mask = 0xffff;
static void (*handlers[16])(void); /* devices' lines (irq_register) */

static void write_mask(void)
{
    outb(0x21, (uint8_t)mask);
    outb(0xa1, (uint8_t)(mask >> 8));
}

void irq_init(void)
{
    outb(0x20, 0x11), outb(0xa0, 0x11); /* ICW1: initialise, ICW4 follows */
    outb(0x21, 0x20), outb(0xa1, 0x28); /* vectors 32 and 40 */
    outb(0x21, 0x04), outb(0xa1, 0x02); /* cascade on IRQ 2 */
    outb(0x21, 0x01), outb(0xa1, 0x01); /* 8086 mode */
    write_mask();
}

void irq_unmask(unsigned irq)
{
    mask &= (uint16_t)~(1u << irq);
    if (irq >= 8)
        mask &= (uint16_t)~(1u << 2);
    write_mask();
}

void irq_handle(unsigned irq, int from_user)
{
    (void)from_user;
    if (irq >= 8)
        outb(0xa0, 0x20);
    outb(0x20, 0x20);
    if (handlers[irq])
        handlers[irq]();
}

void irq_register(unsigned irq, void (*handler)(void))
{
    handlers[irq] = handler;
    irq_unmask(irq);
}

