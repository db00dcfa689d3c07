#include <stdint.h>

#include "acpi.h"
#include "ioapic.h"
#include "kvm.h"
#include "lib/printf.h"

#define IOAPICS_MAX 8
#define REG_SELECT 0x00 /* byte offsets of the two memory-mapped registers */
#define REG_WINDOW 0x10
#define IOAPIC_VERSION 0x01 /* indirect registers: bits 23:16 the last entry's index */
#define IOAPIC_TABLE 0x10   /* entry n: low half at 0x10 + 2n, high half at 0x11 + 2n */
#define ENTRY_ACTIVE_LOW (1u << 13)
#define ENTRY_LEVEL (1u << 15)
#define ENTRY_MASKED (1u << 16)

struct ioapic {
    volatile uint32_t *regs;
    unsigned gsi_base, inputs;
};

static struct ioapic chips[IOAPICS_MAX];
static unsigned chip_count;

static uint32_t rd(const struct ioapic *c, unsigned reg)
{
    c->regs[REG_SELECT / 4] = reg;
    return c->regs[REG_WINDOW / 4];
}

static void wr(const struct ioapic *c, unsigned reg, uint32_t v)
{
    c->regs[REG_SELECT / 4] = reg;
    c->regs[REG_WINDOW / 4] = v;
}

/* The chip with input gsi, and the input's index on it; NULL if none has it. */
static const struct ioapic *holder(unsigned gsi, unsigned *pin)
{
    for (unsigned i = 0; i < chip_count; i++)
        if (gsi >= chips[i].gsi_base && gsi - chips[i].gsi_base < chips[i].inputs) {
            *pin = gsi - chips[i].gsi_base;
            return &chips[i];
        }
    return 0;
}

int ioapic_init(void)
{
    struct acpi_ioapic found[IOAPICS_MAX];
    unsigned n = acpi_ioapics(found, IOAPICS_MAX);
    for (unsigned i = 0; i < n; i++) {
        struct ioapic *c = &chips[chip_count];
        c->regs = kvm_map_mmio(found[i].address, REG_WINDOW + 4);
        if (!c->regs)
            continue;
        c->gsi_base = found[i].gsi_base;
        c->inputs = (rd(c, IOAPIC_VERSION) >> 16 & 0xff) + 1;
        for (unsigned pin = 0; pin < c->inputs; pin++) {
            wr(c, IOAPIC_TABLE + 2 * pin, ENTRY_MASKED);
            wr(c, IOAPIC_TABLE + 2 * pin + 1, 0);
        }
        kprintf("astra: I/O APIC %u: inputs %u-%u\n", found[i].id, c->gsi_base, c->gsi_base + c->inputs - 1);
        chip_count++;
    }
    return chip_count > 0;
}

int ioapic_route(unsigned gsi, unsigned vector, unsigned apic_id, int level, int active_low)
{
    unsigned pin;
    const struct ioapic *c = holder(gsi, &pin);
    if (!c)
        return -1;
    uint32_t low = (vector & 0xff) | (level ? ENTRY_LEVEL : 0) | (active_low ? ENTRY_ACTIVE_LOW : 0);
    wr(c, IOAPIC_TABLE + 2 * pin, low | ENTRY_MASKED); /* masked while the destination changes */
    wr(c, IOAPIC_TABLE + 2 * pin + 1, (apic_id & 0xff) << 24);
    wr(c, IOAPIC_TABLE + 2 * pin, low);
    return 0;
}

void ioapic_set_destination(unsigned gsi, unsigned apic_id)
{
    unsigned pin;
    const struct ioapic *c = holder(gsi, &pin);
    if (c)
        wr(c, IOAPIC_TABLE + 2 * pin + 1, (apic_id & 0xff) << 24);
}
