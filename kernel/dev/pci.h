/* PCI: finding a function, its BARs, turning it on. Configuration space itself is reached
 * through the architecture (arch_pci_config_read32). */
#ifndef ASTRA_KERNEL_PCI_H
#define ASTRA_KERNEL_PCI_H

#include <stdint.h>

struct pci_function {
    uint8_t bus, slot, func;
    uint16_t vendor, device;
    uint8_t irq_line;           /* the PIC line the firmware routed INTx to (config 0x3C) */
};

uint32_t pci_read32(const struct pci_function *f, uint8_t offset);
void pci_write32(const struct pci_function *f, uint8_t offset, uint32_t value);
/* The first function with this vendor and device id on buses 0..255: 0 with *out, or -1. */
int pci_find(uint16_t vendor, uint16_t device, struct pci_function *out);
/* The I/O port base of BAR n, or 0 when it is not an I/O BAR. */
uint16_t pci_io_bar(const struct pci_function *f, int n);
/* Turns on I/O decoding and bus mastering (the device's DMA). */
void pci_enable(const struct pci_function *f);

#endif
