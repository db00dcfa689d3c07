#include "arch.h"
#include "dev/pci.h"

#define PCI_COMMAND 0x04
#define COMMAND_IO (1u << 0)
#define COMMAND_BUS_MASTER (1u << 2)
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
    pci_write32(f, PCI_COMMAND, (cmd & 0xffff) | COMMAND_IO | COMMAND_BUS_MASTER);
}
