#include "acpi.h"
#include "ioapic.h"
#include "irq.h"
#include "lapic.h"
#include "lib/printf.h"
#include "percpu.h"
#include "x86.h"

#define MSI_ADDRESS 0xfee00000u /* the local APICs' message window; bits 19:12 the APIC id */
#define LINES 16

struct source {
    const char *chip, *name;
    unsigned hwirq;     /* the I/O APIC's input (its global system interrupt), the PIC's line */
    int level;          /* level-triggered (acknowledged after the handler), else edge */
    unsigned cpu;       /* where an I/O APIC line is sent (index in cpus[]) */
    void (*handler)(void);
};

static int ioapic;            /* the lines go through an I/O APIC, and the 8259 stays masked */
static unsigned boot_apic_id; /* the boot CPU's, for lines registered before cpus[] is filled */
static uint16_t mask = 0xffff;
static struct source lines[LINES];        /* ISA lines (irq_register) */
static struct source msi[IRQ_MSI_MAX];    /* vector IRQ_VECTOR_MSI + i (irq_msi_alloc) */
static unsigned msi_count;
static uint32_t counts[MAX_CPUS][256];    /* per CPU and vector: written by that CPU only */

static void write_mask(void)
{
    outb(0x21, (uint8_t)mask);
    outb(0xa1, (uint8_t)(mask >> 8));
}

void irq_init(void)
{
    outb(0x20, 0x11), outb(0xa0, 0x11); /* ICW1: initialise, ICW4 follows */
    outb(0x21, IRQ_VECTOR_PIC), outb(0xa1, IRQ_VECTOR_PIC + 8);
    outb(0x21, 0x04), outb(0xa1, 0x02); /* cascade on IRQ 2 */
    outb(0x21, 0x01), outb(0xa1, 0x01); /* 8086 mode */
    write_mask();
    uint32_t r[4];
    cpuid(1, 0, r);
    boot_apic_id = r[1] >> 24; /* the initial APIC id: the local APIC is not mapped yet */
    if (!(ioapic = ioapic_init()))
        kprintf("astra: no I/O APIC: device interrupts through the 8259 PIC, to CPU 0\n");
}

int irq_pic_through_lint0(void) { return !ioapic; }

static void pic_unmask(unsigned irq)
{
    mask &= (uint16_t)~(1u << irq);
    if (irq >= 8)
        mask &= (uint16_t)~(1u << 2);
    write_mask();
}

void irq_register(unsigned irq, const char *name, void (*handler)(void))
{
    if (irq >= LINES)
        panic("irq_register: line %u of %s is not an ISA line", irq, name);
    if (!ioapic) {
        lines[irq] = (struct source){ .chip = "XT-PIC", .name = name, .hwirq = irq, .handler = handler };
        pic_unmask(irq);
        return;
    }
    unsigned gsi;
    int level, active_low;
    acpi_isa_irq(irq, &gsi, &level, &active_low);
    lines[irq] = (struct source){ .chip = "IO-APIC", .name = name, .hwirq = gsi, .level = level,
                                  .handler = handler };
    if (ioapic_route(gsi, IRQ_VECTOR_PIC + irq, boot_apic_id, level, active_low))
        kwarn("irq_register: no I/O APIC has input %u (line %u, %s): it stays off\n", gsi, irq, name);
}

void irq_steer(unsigned irq, unsigned cpu)
{
    if (!ioapic || irq >= LINES || !lines[irq].handler || lines[irq].cpu == cpu || cpu >= cpu_count)
        return;
    struct source *s = &lines[irq];
    ioapic_set_destination(s->hwirq, cpus[cpu].apic_id);
    s->cpu = cpu;
}

int irq_msi_alloc(const char *chip, unsigned hwirq, const char *name, void (*handler)(void))
{
    if (msi_count == IRQ_MSI_MAX)
        return -1;
    msi[msi_count] = (struct source){ .chip = chip, .name = name, .hwirq = hwirq, .handler = handler };
    return IRQ_VECTOR_MSI + (int)msi_count++;
}

void irq_msi_message(unsigned vector, unsigned cpu, uint64_t *address, uint32_t *data)
{
    *address = MSI_ADDRESS | (uint64_t)(cpus[cpu].apic_id & 0xff) << 12;
    *data = vector & 0xff; /* fixed delivery, edge */
}

int irq_is_device(unsigned vector)
{
    return (vector >= IRQ_VECTOR_PIC && vector < IRQ_VECTOR_PIC + LINES) ||
           (vector >= IRQ_VECTOR_MSI && vector < IRQ_VECTOR_MSI + IRQ_MSI_MAX);
}

void irq_handle(unsigned vector, int from_user)
{
    (void)from_user;
    struct source *s;
    if (vector >= IRQ_VECTOR_MSI) {
        lapic_eoi();
        s = &msi[vector - IRQ_VECTOR_MSI];
    } else if (ioapic) {
        s = &lines[vector - IRQ_VECTOR_PIC];
        if (!s->level)
            lapic_eoi();
    } else {
        unsigned irq = vector - IRQ_VECTOR_PIC;
        if (irq >= 8)
            outb(0xa0, 0x20);
        outb(0x20, 0x20); /* ExtINT through LINT0: the PIC's acknowledgement, not the APIC's */
        s = &lines[irq];
    }
    if (s->handler)
        s->handler();
    /* A level-triggered input raises its interrupt again at the EOI if the device still
     * asserts it: the handler has quietened the device by now. */
    if (s->level)
        lapic_eoi();
}

void irq_account(unsigned vector) { counts[this_cpu()->id][vector & 0xff]++; }

/* Appends to text at *len what fmt gives, unless it would not fit (then leaves *len). */
#define APPEND(fmt, ...)                                                                   \
    do {                                                                                   \
        size_t room_ = size - len;                                                         \
        int n_ = ksnprintf(text + len, room_, fmt, __VA_ARGS__);                           \
        if (n_ >= 0 && (size_t)n_ < room_)                                                 \
            len += (size_t)n_;                                                             \
        else                                                                               \
            text[len] = 0;                                                                 \
    } while (0)

static size_t row(char *text, size_t size, size_t len, unsigned vector)
{
    for (unsigned c = 0; c < cpu_count; c++)
        APPEND("%10u ", counts[c][vector]);
    return len;
}

size_t irq_describe(char *text, size_t size)
{
    size_t len = 0;
    if (!size)
        return 0;
    text[0] = 0;
    APPEND("%11s", "");
    for (unsigned c = 0; c < cpu_count; c++)
        APPEND("CPU%-8u", c);
    APPEND("%s", "\n");
    for (unsigned i = 0; i < LINES + msi_count; i++) {
        const struct source *s = i < LINES ? &lines[i] : &msi[i - LINES];
        if (!s->handler)
            continue;
        /* Linux numbers the I/O APIC's 24 pins first, then message-signalled interrupts. */
        APPEND("%3u: ", i < LINES ? i : 24 + i - LINES);
        len = row(text, size, len, i < LINES ? IRQ_VECTOR_PIC + i : IRQ_VECTOR_MSI + i - LINES);
        APPEND(" %8s %3u-%-8s  %s\n", s->chip, s->hwirq, s->level ? "fasteoi" : "edge", s->name);
    }
    static const struct { const char *tag, *what; unsigned vector; } local[] = {
        { "LOC", "Local timer interrupts", VECTOR_TIMER },
        { "SPU", "Spurious interrupts", VECTOR_SPURIOUS },
        { "RES", "Rescheduling interrupts", VECTOR_RESCHEDULE },
        { "TLB", "TLB shootdowns", VECTOR_TLB },
    };
    for (unsigned i = 0; i < sizeof local / sizeof local[0]; i++) {
        APPEND("%3s: ", local[i].tag);
        len = row(text, size, len, local[i].vector);
        APPEND("  %s\n", local[i].what);
    }
    return len;
}
