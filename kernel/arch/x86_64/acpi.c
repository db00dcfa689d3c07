#include <stdint.h>

#include "acpi.h"
#include "kvm.h"
#include "layout.h"
#include "lib/kstring.h"
#include "lib/printf.h"

struct rsdp {
    char signature[8];
    uint8_t checksum;
    char oem[6];
    uint8_t revision;
    uint32_t rsdt;
    uint32_t length;
    uint64_t xsdt;
    uint8_t extended_checksum;
    uint8_t reserved[3];
} __attribute__((packed));

struct sdt_header {
    char signature[4];
    uint32_t length;
    uint8_t revision, checksum;
    char oem[6], oem_table[8];
    uint32_t oem_revision, creator, creator_revision;
} __attribute__((packed));

#define MADT_LOCAL_APIC 0
#define MADT_IOAPIC 1
#define MADT_OVERRIDE 2 /* an ISA interrupt source override */
#define MADT_ENABLED 1u
#define TABLE_MAX (1u << 20)

static int checksum_ok(const void *p, size_t n)
{
    uint8_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = (uint8_t)(sum + ((const uint8_t *)p)[i]);
    return sum == 0;
}

/* The RSDP: in the first KiB of the EBDA, or in the BIOS area 0xe0000-0xfffff, on 16-byte
 * boundaries. Both lie in low RAM, which the direct map covers. */
static const struct rsdp *find_rsdp(void)
{
    uint64_t ebda = (uint64_t)*(const uint16_t *)P2V(0x40e) << 4;
    const uint64_t ranges[2][2] = { { ebda, ebda + 1024 }, { 0xe0000, 0x100000 } };
    for (int r = 0; r < 2; r++)
        for (uint64_t a = ranges[r][0]; a && a + sizeof(struct rsdp) <= ranges[r][1]; a += 16) {
            const struct rsdp *p = P2V(a);
            if (!memcmp(p->signature, "RSD PTR ", 8) && checksum_ok(p, 20))
                return p;
        }
    return 0;
}

/* A table mapped whole, after its checksum; NULL if it is not what it claims. */
static const struct sdt_header *map_table(uint64_t pa)
{
    const struct sdt_header *h = kvm_map_mmio(pa, sizeof *h);
    if (!h || h->length < sizeof *h || h->length > TABLE_MAX)
        return 0;
    h = kvm_map_mmio(pa, h->length);
    return h && checksum_ok(h, h->length) ? h : 0;
}

/* The MADT, found and mapped once (a mapping of the MMIO area is never given back). */
static const struct sdt_header *find_madt(void)
{
    static const struct sdt_header *madt;
    static int searched;
    if (searched)
        return madt;
    searched = 1;
    const struct rsdp *rsdp = find_rsdp();
    if (!rsdp)
        return 0;
    int wide = rsdp->revision >= 2 && rsdp->xsdt;
    const struct sdt_header *root = map_table(wide ? rsdp->xsdt : rsdp->rsdt);
    if (!root)
        return 0;
    unsigned size = wide ? 8 : 4, n = (root->length - sizeof *root) / size;
    const uint8_t *entries = (const uint8_t *)(root + 1);
    for (unsigned i = 0; i < n; i++) {
        uint64_t pa = 0;
        memcpy(&pa, entries + i * size, size);
        const struct sdt_header *h = map_table(pa);
        if (h && !memcmp(h->signature, "APIC", 4))
            return madt = h;
    }
    return 0;
}

/* The MADT's next entry of type after *at (NULL: from the first), at least min bytes long;
 * NULL after the last. */
static const uint8_t *madt_next(const uint8_t *at, unsigned type, unsigned min)
{
    const struct sdt_header *madt = find_madt();
    if (!madt)
        return 0;
    const uint8_t *p = at ? at + at[1] : (const uint8_t *)madt + sizeof *madt + 8;
    const uint8_t *end = (const uint8_t *)madt + madt->length;
    for (; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1])
        if (p[0] == type && p[1] >= min)
            return p;
    return 0;
}

unsigned acpi_cpus(unsigned *apic_ids, unsigned max)
{
    unsigned count = 0;
    for (const uint8_t *p = 0; (p = madt_next(p, MADT_LOCAL_APIC, 8));) {
        uint32_t flags;
        memcpy(&flags, p + 4, sizeof flags);
        if ((flags & MADT_ENABLED) && count < max)
            apic_ids[count++] = p[3];
    }
    return count;
}

unsigned acpi_ioapics(struct acpi_ioapic *out, unsigned max)
{
    unsigned count = 0;
    for (const uint8_t *p = 0; count < max && (p = madt_next(p, MADT_IOAPIC, 12));) {
        uint32_t address, gsi_base;
        memcpy(&address, p + 4, sizeof address);
        memcpy(&gsi_base, p + 8, sizeof gsi_base);
        out[count++] = (struct acpi_ioapic){ .id = p[2], .address = address, .gsi_base = gsi_base };
    }
    return count;
}

void acpi_isa_irq(unsigned irq, unsigned *gsi, int *level, int *active_low)
{
    *gsi = irq, *level = 0, *active_low = 0; /* ISA: identity, edge, active high */
    for (const uint8_t *p = 0; (p = madt_next(p, MADT_OVERRIDE, 10));) {
        if (p[2] != 0 || p[3] != irq) /* bus 0 is ISA */
            continue;
        uint32_t g;
        uint16_t flags;
        memcpy(&g, p + 4, sizeof g);
        memcpy(&flags, p + 8, sizeof flags);
        *gsi = g;
        if ((flags & 3) == 3) /* polarity: 0 the bus's, 1 high, 3 low */
            *active_low = 1;
        if ((flags >> 2 & 3) == 3) /* trigger: 0 the bus's, 1 edge, 3 level */
            *level = 1;
        return;
    }
}
