/* The virtio network card (legacy virtio-pci, QEMU's "virtio-net-pci"): one receive and one
 * transmit ring, interrupts for received frames and link changes. Frames are whole
 * Ethernet frames without the FCS. Called with interrupts off. */
#ifndef ASTRA_KERNEL_VIRTIO_NET_H
#define ASTRA_KERNEL_VIRTIO_NET_H

#include <stddef.h>
#include <stdint.h>

#define VIRTIO_NET_FRAME_MAX 1514

struct virtio_net_ops {
    void (*receive)(const void *frame, size_t len);   /* from the interrupt */
    void (*link_changed)(int up);
};

/* Finds the card, starts it and routes its interrupt to ops; 0 with mac and the link state
 * in *link_up, or -1 when there is no card (or it cannot be used: the reason is logged). */
int virtio_net_init(const struct virtio_net_ops *ops, uint8_t mac[6], int *link_up);
/* Sends the card's receive interrupt to CPU cpu from now on: one write to its MSI-X entry,
 * none when it already goes there. Without MSI-X it stays on the boot CPU's PIC line. */
void virtio_net_steer(unsigned cpu);
/* A free transmit buffer of VIRTIO_NET_FRAME_MAX bytes, or NULL when the ring is full. */
uint8_t *virtio_net_tx_buffer(void);
/* Sends the first len bytes of the buffer last returned by virtio_net_tx_buffer. */
void virtio_net_tx_send(size_t len);

#endif
