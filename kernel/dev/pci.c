#include "arch.h"
#include "dev/pci.h"

#define PCI_COMMAND 0x04
#define COMMAND_IO (1u << 0)
#define COMMAND_MEMORY (1u << 1)
#define COMMAND_BUS_MASTER (1u << 2)
#define STATUS_CAP_LIST (1u << 20) /* the status register is the high half of 0x04 */
#define PCI_CAP_POINTER 0x34
#define BAR_IO 1u
#define BAR_TYPE_64 (2u << 1)
#define MSIX_ENABLE (1u << 31)     /* message control is the high half of the first dword */
#define MSIX_FUNCTION_MASK (1u << 30)
#define MSIX_ENTRY_MASKED 1u
#define MSIX_ENTRY_BYTES 16
#define PCI_HEADER_TYPE 0x0c     /* the byte at 0x0e, in the dword at 0x0c */
#define PCI_BAR0 0x10
#define PCI_INTERRUPT 0x3c

static uint32_t read_at(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset)
{
    return arch_pci_config_read32(bus, slot, func, offset);
}

uint32_t pci_read32(const struct pci_function *f, uint8_t offset)
{
    return read_at(f->bus, f->slot, f->func, offset);
}

void pci_write32(const struct pci_function *f, uint8_t offset, uint32_t value)
{
    arch_pci_config_write32(f->bus, f->slot, f->func, offset, value);
}

int pci_find(uint16_t vendor, uint16_t device, struct pci_function *out)
{
    for (unsigned bus = 0; bus < 256; bus++)
        for (uint8_t slot = 0; slot < 32; slot++) {
            uint32_t id = read_at((uint8_t)bus, slot, 0, 0);
            if ((id & 0xffff) == 0xffff)
                continue;
            int functions = (read_at((uint8_t)bus, slot, 0, PCI_HEADER_TYPE) >> 16) & 0x80 ? 8 : 1;
            for (uint8_t func = 0; func < functions; func++) {
                id = read_at((uint8_t)bus, slot, func, 0);
                if ((id & 0xffff) != vendor || (id >> 16) != device)
                    continue;
                *out = (struct pci_function){
                    .bus = (uint8_t)bus, .slot = slot, .func = func, .vendor = vendor, .device = device,
                    .irq_line = (uint8_t)read_at((uint8_t)bus, slot, func, PCI_INTERRUPT),
                };
                return 0;
            }
        }
    return -1;
}

uint16_t pci_io_bar(const struct pci_function *f, int n)
{
    uint32_t bar = pci_read32(f, (uint8_t)(PCI_BAR0 + 4 * n));
    return bar & 1 ? (uint16_t)(bar & ~3u) : 0;
}

void pci_enable(const struct pci_function *f)
{
    uint32_t cmd = pci_read32(f, PCI_COMMAND);
    pci_write32(f, PCI_COMMAND, (cmd & 0xffff) | COMMAND_IO | COMMAND_MEMORY | COMMAND_BUS_MASTER);
}

uint64_t pci_mem_bar(const struct pci_function *f, int n)
{
    if (n < 0 || n > 5)
        return 0;
    uint32_t bar = pci_read32(f, (uint8_t)(PCI_BAR0 + 4 * n));
    if (bar & BAR_IO)
        return 0;
    uint64_t base = bar & ~0xfu;
    if ((bar & 6u) == BAR_TYPE_64 && n < 5)
        base |= (uint64_t)pci_read32(f, (uint8_t)(PCI_BAR0 + 4 * (n + 1))) << 32;
    return base;
}

uint8_t pci_find_capability(const struct pci_function *f, uint8_t id)
{
    if (!(pci_read32(f, PCI_COMMAND) & STATUS_CAP_LIST))
        return 0;
    uint8_t at = (uint8_t)(pci_read32(f, PCI_CAP_POINTER) & 0xfc);
    for (int hops = 0; at >= 0x40 && hops < 48; hops++) { /* a looping list ends too */
        uint32_t head = pci_read32(f, at);
        if ((head & 0xff) == id)
            return at;
        at = (uint8_t)((head >> 8) & 0xfc);
    }
    return 0;
}

int pci_msix_init(const struct pci_function *f, struct pci_msix *m)
{
    uint8_t cap = pci_find_capability(f, PCI_CAP_MSIX);
    if (!cap)
        return -1;
    uint32_t control = pci_read32(f, cap), where = pci_read32(f, (uint8_t)(cap + 4));
    unsigned entries = ((control >> 16) & 0x7ff) + 1;
    uint64_t bar = pci_mem_bar(f, (int)(where & 7));
    if (!bar)
        return -1;
    volatile uint32_t *table = kvm_map_mmio(bar + (where & ~7u), (size_t)entries * MSIX_ENTRY_BYTES);
    if (!table)
        return -1;
    for (unsigned i = 0; i < entries; i++)
        table[4 * i + 3] = MSIX_ENTRY_MASKED;
    *m = (struct pci_msix){ .table = table, .entries = entries, .cap = cap };
    return 0;
}

void pci_msix_enable(const struct pci_function *f, const struct pci_msix *m, int on)
{
    uint32_t control = pci_read32(f, m->cap) & ~MSIX_FUNCTION_MASK;
    pci_write32(f, m->cap, on ? control | MSIX_ENABLE : control & ~MSIX_ENABLE);
}

void pci_msix_set(const struct pci_msix *m, unsigned entry, uint64_t address, uint32_t data)
{
    volatile uint32_t *e = m->table + 4 * entry;
    e[3] = MSIX_ENTRY_MASKED;
    e[0] = (uint32_t)address;
    e[1] = (uint32_t)(address >> 32);
    e[2] = data;
    e[3] = 0;
}
