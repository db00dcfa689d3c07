/* PCI: finding a function, its BARs and capabilities, turning it on, its MSI-X table.
 * Configuration space itself is reached through the architecture (arch_pci_config_read32). */
#ifndef ASTRA_KERNEL_PCI_H
#define ASTRA_KERNEL_PCI_H

#include <stdint.h>

#define PCI_CAP_MSIX 0x11

struct pci_function {
    uint8_t bus, slot, func;
    uint16_t vendor, device;
    uint8_t irq_line;           /* the PIC line the firmware routed INTx to (config 0x3C) */
};

/* A function's MSI-X table (pci_msix_init): entries of four dwords each, address low and
 * high, data, vector control (bit 0: masked). */
struct pci_msix {
    volatile uint32_t *table;
    unsigned entries;
    uint8_t cap;                /* the capability's offset in configuration space */
};

uint32_t pci_read32(const struct pci_function *f, uint8_t offset);
void pci_write32(const struct pci_function *f, uint8_t offset, uint32_t value);
/* The first function with this vendor and device id on buses 0..255: 0 with *out, or -1. */
int pci_find(uint16_t vendor, uint16_t device, struct pci_function *out);
/* The I/O port base of BAR n, or 0 when it is not an I/O BAR. */
uint16_t pci_io_bar(const struct pci_function *f, int n);
/* The physical address of memory BAR n (32- or 64-bit), or 0 when it is not a memory BAR. */
uint64_t pci_mem_bar(const struct pci_function *f, int n);
/* Turns on I/O and memory decoding and bus mastering (the device's DMA). */
void pci_enable(const struct pci_function *f);
/* The configuration-space offset of f's first capability with this id, or 0. */
uint8_t pci_find_capability(const struct pci_function *f, uint8_t id);
/* Maps f's MSI-X table with every entry masked, MSI-X still off: 0 with *m, or -1 when f
 * has no MSI-X (or its table cannot be mapped). */
int pci_msix_init(const struct pci_function *f, struct pci_msix *m);
/* Turns MSI-X on, which turns the function's INTx line off, or (on 0) off again. */
void pci_msix_enable(const struct pci_function *f, const struct pci_msix *m, int on);
/* Points entry at the message (address, data) and unmasks it. The entry is masked while it
 * changes (the PCI specification's rule): an interrupt raised meanwhile waits in the pending
 * bit and is sent, to the new address, when the entry is unmasked. */
void pci_msix_set(const struct pci_msix *m, unsigned entry, uint64_t address, uint32_t data);

#endif
