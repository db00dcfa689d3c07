/* The legacy virtio-pci interface (virtio 0.9.5): registers in I/O space (BAR 0), each ring
 * one physically contiguous area whose page number the device is given. The rings and
 * buffers are static in the kernel image, which is physically contiguous.
 * Interrupts: MSI-X when the card has it (QEMU's does), one entry for link changes
 * (on the boot CPU) and one for received frames, which virtio_net_steer points at the CPU
 * that waits for them; else the shared INTx line through the boot CPU's PIC. */
#include "arch.h"
#include "dev/pci.h"
#include "dev/time.h"
#include "dev/virtio_net.h"
#include "lib/kstring.h"
#include "lib/printf.h"

#define VIRTIO_VENDOR 0x1af4
#define VIRTIO_NET_LEGACY 0x1000

/* I/O registers */
#define REG_HOST_FEATURES 0x00
#define REG_GUEST_FEATURES 0x04
#define REG_QUEUE_PFN 0x08
#define REG_QUEUE_NUM 0x0c
#define REG_QUEUE_SEL 0x0e
#define REG_QUEUE_NOTIFY 0x10
#define REG_STATUS 0x12
#define REG_ISR 0x13
#define REG_MSIX_CONFIG 0x14     /* with MSI-X on: the entry for configuration changes */
#define REG_MSIX_QUEUE 0x16      /* with MSI-X on: the selected queue's entry */
#define REG_CONFIG 0x14          /* mac[6], then status (u16); 4 bytes further with MSI-X on */
#define REG_CONFIG_MSIX 0x18
#define MSIX_NO_VECTOR 0xffff
#define MSIX_ENTRY_CONFIG 0
#define MSIX_ENTRY_RX 1

#define STATUS_ACKNOWLEDGE 1
#define STATUS_DRIVER 2
#define STATUS_DRIVER_OK 4
#define STATUS_FAILED 128
#define ISR_QUEUE 1
#define ISR_CONFIG 2

#define F_MAC (1u << 5)
#define F_STATUS (1u << 16)
#define NET_S_LINK_UP 1

#define DESC_F_WRITE 2
#define AVAIL_F_NO_INTERRUPT 1

#define QUEUE_MAX 256
#define RXQ 0
#define TXQ 1
#define BUF_SIZE 2048
#define TX_WAIT_NS 2000000ULL

struct virtio_net_hdr {
    uint8_t flags, gso_type;
    uint16_t hdr_len, gso_size, csum_start, csum_offset;
};

struct vring_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};

struct vring_used_elem {
    uint32_t id, len;
};

/* One ring's memory: descriptors, then the available ring, then (page aligned) the used ring. */
#define RING_BYTES (PAGE_ROUND_UP(16 * QUEUE_MAX + 6 + 2 * QUEUE_MAX) + PAGE_ROUND_UP(6 + 8 * QUEUE_MAX))

struct queue {
    uint16_t size;
    struct vring_desc *desc;
    volatile uint16_t *avail;        /* flags, idx, ring[size], used_event */
    volatile uint16_t *used;         /* flags, idx, then elements */
    uint16_t avail_idx, used_seen, free;
    uint8_t (*buffers)[BUF_SIZE];
};

static uint8_t ring_memory[2][RING_BYTES] __attribute__((aligned(4096)));
static uint8_t rx_buffers[QUEUE_MAX][BUF_SIZE];
static uint8_t tx_buffers[QUEUE_MAX][BUF_SIZE];
static struct queue queues[2];
static uint16_t io;
static const struct virtio_net_ops *net_ops;
static int has_status;
static uint16_t tx_next;
static uint16_t config_reg = REG_CONFIG;
static struct pci_msix msix;
static int msix_on;
static unsigned rx_vector, rx_cpu;

static volatile struct vring_used_elem *used_elem(struct queue *q, uint16_t i)
{
    return (volatile struct vring_used_elem *)(q->used + 2) + i;
}

static int queue_setup(int n)
{
    struct queue *q = &queues[n];
    arch_io_write16(io + REG_QUEUE_SEL, (uint16_t)n);
    uint16_t size = arch_io_read16(io + REG_QUEUE_NUM);
    if (!size || size > QUEUE_MAX) {
        kprintf("virtio-net: queue %d has %u entries (supported: 1..%d)\n", n, size, QUEUE_MAX);
        return -1;
    }
    uint8_t *mem = ring_memory[n];
    memset(mem, 0, RING_BYTES);
    q->size = size;
    q->desc = (struct vring_desc *)mem;
    q->avail = (volatile uint16_t *)(mem + 16 * size);
    q->used = (volatile uint16_t *)(mem + PAGE_ROUND_UP(16 * size + 6 + 2 * size));
    q->buffers = n == RXQ ? rx_buffers : tx_buffers;
    for (uint16_t i = 0; i < size; i++)
        q->desc[i] = (struct vring_desc){ .addr = KIMG2P(q->buffers[i]), .len = BUF_SIZE,
                                          .flags = n == RXQ ? DESC_F_WRITE : 0 };
    arch_io_write32(io + REG_QUEUE_PFN, (uint32_t)(KIMG2P(mem) >> 12));
    return 0;
}

static void queue_publish(struct queue *q, uint16_t desc)
{
    q->avail[2 + q->avail_idx % q->size] = desc;
    arch_dma_wmb(); /* the entry before the index */
    q->avail_idx++;
    q->avail[1] = q->avail_idx;
}

static void read_link(void)
{
    if (!has_status)
        return;
    int up = arch_io_read16((uint16_t)(io + config_reg + 6)) & NET_S_LINK_UP;
    net_ops->link_changed(up);
}

/* Hands every received frame to net_ops and gives its buffer back to the card. */
static void receive_frames(void)
{
    struct queue *q = &queues[RXQ];
    int refilled = 0;
    while (q->used_seen != q->used[1]) {
        arch_dma_rmb();
        volatile struct vring_used_elem *e = used_elem(q, q->used_seen % q->size);
        uint32_t id = e->id, len = e->len;
        q->used_seen++;
        if (id < q->size && len > sizeof(struct virtio_net_hdr) && len <= BUF_SIZE)
            net_ops->receive(q->buffers[id] + sizeof(struct virtio_net_hdr), len - sizeof(struct virtio_net_hdr));
        if (id < q->size) {
            queue_publish(q, (uint16_t)id);
            refilled = 1;
        }
    }
    if (refilled)
        arch_io_write16(io + REG_QUEUE_NOTIFY, RXQ);
}

/* The INTx line, shared by both causes. */
static void virtio_net_irq(void)
{
    uint8_t isr = arch_io_read8(io + REG_ISR); /* reading acknowledges and lowers the line */
    if (isr & ISR_CONFIG)
        read_link();
    receive_frames();
}

static void point_rx_entry(unsigned cpu)
{
    uint64_t address;
    uint32_t data;
    irq_msi_message(rx_vector, cpu, &address, &data);
    pci_msix_set(&msix, MSIX_ENTRY_RX, address, data);
    rx_cpu = cpu;
}

/* MSI-X on, an entry for link changes (to the boot CPU) and one for the receive queue: 0, or
 * -1 with the card back on its INTx line (no MSI-X, too few entries or vectors, or the card
 * refused an entry). Between the reset and DRIVER_OK. */
static int msix_setup(const struct pci_function *f)
{
    if (pci_msix_init(f, &msix) || msix.entries <= MSIX_ENTRY_RX)
        return -1;
    unsigned hwirq = (unsigned)(f->bus << 8 | f->slot << 3 | f->func) << 11;
    int config = irq_msi_alloc("PCI-MSI", hwirq | MSIX_ENTRY_CONFIG, "virtio0-config", read_link);
    int rx = config < 0 ? -1 : irq_msi_alloc("PCI-MSI", hwirq | MSIX_ENTRY_RX, "virtio0-input.0", receive_frames);
    if (rx < 0)
        return -1;
    uint64_t address;
    uint32_t data;
    irq_msi_message((unsigned)config, 0, &address, &data);
    pci_msix_set(&msix, MSIX_ENTRY_CONFIG, address, data);
    rx_vector = (unsigned)rx;
    point_rx_entry(0);
    pci_msix_enable(f, &msix, 1); /* the vector registers exist from here on */
    arch_io_write16(io + REG_MSIX_CONFIG, MSIX_ENTRY_CONFIG);
    arch_io_write16(io + REG_QUEUE_SEL, RXQ);
    arch_io_write16(io + REG_MSIX_QUEUE, MSIX_ENTRY_RX);
    arch_io_write16(io + REG_QUEUE_SEL, TXQ);
    arch_io_write16(io + REG_MSIX_QUEUE, MSIX_NO_VECTOR); /* sent buffers are reclaimed when needed */
    arch_io_write16(io + REG_QUEUE_SEL, RXQ);
    if (arch_io_read16(io + REG_MSIX_CONFIG) != MSIX_ENTRY_CONFIG ||
        arch_io_read16(io + REG_MSIX_QUEUE) != MSIX_ENTRY_RX) {
        kprintf("virtio-net: the card refused its MSI-X entries: using its INTx line\n");
        pci_msix_enable(f, &msix, 0);
        return -1;
    }
    config_reg = REG_CONFIG_MSIX;
    msix_on = 1;
    return 0;
}

void virtio_net_steer(unsigned cpu)
{
    if (msix_on && cpu != rx_cpu)
        point_rx_entry(cpu);
}

int virtio_net_init(const struct virtio_net_ops *ops, uint8_t mac[6], int *link_up)
{
    struct pci_function f;
    if (pci_find(VIRTIO_VENDOR, VIRTIO_NET_LEGACY, &f))
        return -1;
    if (!(io = pci_io_bar(&f, 0))) {
        kprintf("virtio-net: BAR 0 is not an I/O BAR\n");
        return -1;
    }
    pci_enable(&f);
    net_ops = ops;
    arch_io_write8(io + REG_STATUS, 0); /* reset */
    arch_io_write8(io + REG_STATUS, STATUS_ACKNOWLEDGE);
    arch_io_write8(io + REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    if (msix_setup(&f) && (f.irq_line >= 16 || f.irq_line == IRQ_TIMER || f.irq_line == 2)) {
        kprintf("virtio-net: no MSI-X and an unusable interrupt line %u\n", f.irq_line);
        arch_io_write8(io + REG_STATUS, STATUS_FAILED);
        return -1;
    }
    uint32_t features = arch_io_read32(io + REG_HOST_FEATURES) & (F_MAC | F_STATUS);
    arch_io_write32(io + REG_GUEST_FEATURES, features);
    has_status = (features & F_STATUS) != 0;
    if (queue_setup(RXQ) || queue_setup(TXQ)) {
        arch_io_write8(io + REG_STATUS, STATUS_FAILED);
        return -1;
    }
    struct queue *tx = &queues[TXQ];
    tx->free = tx->size;
    tx->avail[0] = AVAIL_F_NO_INTERRUPT; /* sent buffers are reclaimed when needed */
    struct queue *rx = &queues[RXQ];
    for (uint16_t i = 0; i < rx->size; i++)
        queue_publish(rx, i);
    for (int i = 0; i < 6; i++)
        mac[i] = features & F_MAC ? arch_io_read8((uint16_t)(io + config_reg + i)) : (uint8_t)(i ? 0x10 + i : 0x02);
    if (!msix_on)
        irq_register(f.irq_line, "virtio0", virtio_net_irq);
    arch_io_write8(io + REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK);
    arch_io_write16(io + REG_QUEUE_NOTIFY, RXQ);
    *link_up = has_status ? arch_io_read16((uint16_t)(io + config_reg + 6)) & NET_S_LINK_UP : 1;
    char irq[24];
    if (msix_on)
        ksnprintf(irq, sizeof irq, "MSI-X vector %u", rx_vector);
    else
        ksnprintf(irq, sizeof irq, "IRQ %u", f.irq_line);
    kprintf("virtio-net: PCI %02x:%02x.%u, I/O 0x%x, %s, queues %u/%u, "
            "MAC %02x:%02x:%02x:%02x:%02x:%02x, link %s\n",
            f.bus, f.slot, f.func, io, irq, rx->size, tx->size, mac[0], mac[1], mac[2], mac[3], mac[4],
            mac[5], *link_up ? "up" : "down");
    return 0;
}

static void tx_reclaim(struct queue *q)
{
    while (q->used_seen != q->used[1]) {
        q->used_seen++;
        q->free++;
    }
}

uint8_t *virtio_net_tx_buffer(void)
{
    struct queue *q = &queues[TXQ];
    if (!q->size)
        return 0;
    tx_reclaim(q);
    /* A full ring is usually a burst of replies (to a burst of frames) that the device
     * has not taken yet: give it a moment before dropping the frame. */
    for (uint64_t until = time_monotonic_ns() + TX_WAIT_NS; !q->free && time_monotonic_ns() < until;) {
        arch_cpu_relax();
        tx_reclaim(q);
    }
    if (!q->free)
        return 0;
    uint8_t *b = q->buffers[tx_next];
    memset(b, 0, sizeof(struct virtio_net_hdr));
    return b + sizeof(struct virtio_net_hdr);
}

void virtio_net_tx_send(size_t len)
{
    struct queue *q = &queues[TXQ];
    q->desc[tx_next].len = (uint32_t)(len + sizeof(struct virtio_net_hdr));
    q->free--;
    queue_publish(q, tx_next);
    tx_next = (uint16_t)((tx_next + 1) % q->size);
    arch_io_write16(io + REG_QUEUE_NOTIFY, TXQ);
}
