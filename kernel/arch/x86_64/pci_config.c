/* PCI configuration space through the legacy ports 0xCF8/0xCFC (mechanism #1). */
#include "arch.h"

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA 0xcfc

static uint32_t address(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset)
{
    return (1u << 31) | ((uint32_t)bus << 16) | ((uint32_t)slot << 11) | ((uint32_t)func << 8) | (offset & 0xfc);
}

uint32_t arch_pci_config_read32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset)
{
    outl(CONFIG_ADDRESS, address(bus, slot, func, offset));
    return inl(CONFIG_DATA);
}

void arch_pci_config_write32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset, uint32_t value)
{
    outl(CONFIG_ADDRESS, address(bus, slot, func, offset));
    outl(CONFIG_DATA, value);
}
