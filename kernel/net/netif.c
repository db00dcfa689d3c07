/* The network card as lwIP's network interface: frames between the virtio-net rings and
 * lwIP's Ethernet layer, the address from DHCP or the command line, lwIP's timers. */
#include "arch.h"
#include "lib/printf.h"
#include "dev/time.h"
#include "dev/virtio_net.h"
#include "lib/kstring.h"
#include "proc/sched.h"
#include "inet.h"
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/prot/tcp.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#define DHCP_WAIT_NS (10 * 1000000000ULL)

static struct netif nic;
static uint8_t nic_mac[6];
static int started;
static uint32_t last_check_ms;

static err_t link_output(struct netif *n, struct pbuf *p)
{
    (void)n;
    if (p->tot_len > VIRTIO_NET_FRAME_MAX)
        return ERR_BUF;
    uint8_t *frame = virtio_net_tx_buffer();
    if (!frame)
        return ERR_MEM;
    pbuf_copy_partial(p, frame, p->tot_len, 0);
    virtio_net_tx_send(p->tot_len);
    return ERR_OK;
}

/* Whether an IPv4 UDP frame's UDP length disagrees with its IP length. lwIP 2.1.3 does not
 * check; Linux drops a datagram whose UDP length runs past the IP payload or is under 8 (and
 * trims the payload to a shorter one: here that is dropped too). Other frames are lwIP's. */
static int bad_udp_length(const uint8_t *f, size_t len)
{
    if (len < 14 + 20 || f[12] != 0x08 || f[13] != 0x00 || f[14 + 9] != 17 || (f[14] >> 4) != 4)
        return 0;
    size_t ihl = (size_t)(f[14] & 15) * 4, total = (size_t)f[16] << 8 | f[17];
    if (ihl < 20 || total < ihl + 8 || 14 + total > len || (((f[20] & 0x1f) << 8 | f[21]) | (f[20] & 0x20)))
        return 0; /* malformed IP (lwIP drops it) or a fragment (checked once reassembled) */
    const uint8_t *u = f + 14 + ihl;
    size_t ulen = (size_t)u[4] << 8 | u[5];
    return ulen < 8 || ulen != total - ihl;
}

/* An IPv4 TCP SYN (without ACK or RST) opening a connection: told to inet.c, which lets it
 * end a TIME_WAIT of the same ports as Linux does. Other frames: nothing. */
static void check_syn(const uint8_t *f, size_t len)
{
    if (len < 14 + 20 || f[12] != 0x08 || f[13] != 0x00 || f[14 + 9] != 6 || (f[14] >> 4) != 4)
        return;
    size_t ihl = (size_t)(f[14] & 15) * 4;
    if (ihl < 20 || 14 + ihl + 20 > len || ((f[20] & 0x1f) << 8 | f[21]) || (f[20] & 0x20))
        return;
    const uint8_t *t = f + 14 + ihl;
    if ((t[13] & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN)
        return;
    uint32_t src, dst;
    memcpy(&src, f + 14 + 12, 4);
    memcpy(&dst, f + 14 + 16, 4);
    inet_syn_arrived(src, (uint16_t)(t[0] << 8 | t[1]), dst, (uint16_t)(t[2] << 8 | t[3]),
                     (uint32_t)t[4] << 24 | (uint32_t)t[5] << 16 | (uint32_t)t[6] << 8 | t[7]);
}

/* A received frame (from the card's interrupt): into a pool pbuf and lwIP's input. A frame
 * that finds no memory is dropped, as a full card would drop it. */
static void receive(const void *frame, size_t len)
{
    if (bad_udp_length(frame, len))
        return;
    check_syn(frame, len);
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
    if (!p)
        return;
    pbuf_take(p, frame, (u16_t)len);
    if (nic.input(p, &nic) != ERR_OK)
        pbuf_free(p);
}

static void link_changed(int up)
{
    if (up)
        netif_set_link_up(&nic);
    else
        netif_set_link_down(&nic);
    kprintf("net: link %s\n", up ? "up" : "down");
}

static const struct virtio_net_ops ops = { receive, link_changed };

static err_t nic_setup(struct netif *n)
{
    n->name[0] = 'e', n->name[1] = 'n';
    n->hwaddr_len = 6;
    memcpy(n->hwaddr, nic_mac, 6);
    n->mtu = 1500;
    n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    n->output = etharp_output;
    n->linkoutput = link_output;
    return ERR_OK;
}

/* "A.B.C.D": 0 with *out (network order), or -1. Advances *s past it. */
static int parse_ip(const char **s, ip4_addr_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        if (i && *(*s)++ != '.')
            return -1;
        if (**s < '0' || **s > '9')
            return -1;
        unsigned part = 0;
        while (**s >= '0' && **s <= '9')
            part = part * 10 + (unsigned)(*(*s)++ - '0');
        if (part > 255)
            return -1;
        v = v << 8 | part;
    }
    ip4_addr_set_u32(out, lwip_htonl(v));
    return 0;
}

/* "ADDR/PREFIX[,GATEWAY]": 0 with the three addresses, or -1. */
static int parse_static(const char *s, ip4_addr_t *ip, ip4_addr_t *mask, ip4_addr_t *gw)
{
    if (parse_ip(&s, ip) || *s++ != '/')
        return -1;
    unsigned prefix = 0;
    if (*s < '0' || *s > '9')
        return -1;
    while (*s >= '0' && *s <= '9')
        prefix = prefix * 10 + (unsigned)(*s++ - '0');
    if (prefix > 32)
        return -1;
    ip4_addr_set_u32(mask, lwip_htonl(prefix ? 0xffffffffu << (32 - prefix) : 0));
    ip4_addr_set_zero(gw);
    if (*s == ',' && (s++, parse_ip(&s, gw)))
        return -1;
    return *s ? -1 : 0;
}

void net_init(const char *config)
{
    static const struct sched_net_hooks hooks = { .tick = net_tick, .busy = inet_ready, .drain = inet_drain };
    sched_register_net(&hooks);
    int dhcp = !config || !strcmp(config, "dhcp");
    if (config && !strcmp(config, "none"))
        return;
    ip4_addr_t ip, mask, gw;
    ip4_addr_set_zero(&ip), ip4_addr_set_zero(&mask), ip4_addr_set_zero(&gw);
    if (!dhcp && parse_static(config, &ip, &mask, &gw))
        panic("kernel command line: net=%s is not dhcp, none or ADDR/PREFIX[,GATEWAY]", config);
    int link_up;
    lwip_init();
    if (virtio_net_init(&ops, nic_mac, &link_up)) {
        if (config)
            kprintf("net: no virtio network card: networking is off\n");
        return;
    }
    if (!netif_add(&nic, &ip, &mask, &gw, 0, nic_setup, ethernet_input))
        panic("net_init: netif_add failed");
    netif_set_default(&nic);
    netif_set_up(&nic);
    if (link_up)
        netif_set_link_up(&nic);
    started = 1;
    if (dhcp) {
        if (dhcp_start(&nic) != ERR_OK)
            panic("net_init: dhcp_start failed");
        /* Before the first program: interrupts on (the card's), lwIP's timers polled. */
        uint64_t until = time_monotonic_ns() + DHCP_WAIT_NS;
        while (!dhcp_supplied_address(&nic) && time_monotonic_ns() < until) {
            /* A loop with interrupts on: QEMU's TCG takes interrupts only between blocks. */
            arch_irq_window(10000);
            net_tick();
        }
        if (!dhcp_supplied_address(&nic)) {
            kprintf("net: no DHCP lease after %d s; still asking\n", (int)(DHCP_WAIT_NS / 1000000000ULL));
            return;
        }
    }
    char a[16], m[16], g[16];
    kprintf("net: %s %s/%s, gateway %s\n", dhcp ? "DHCP" : "static", ip4addr_ntoa_r(netif_ip4_addr(&nic), a, sizeof a),
            ip4addr_ntoa_r(netif_ip4_netmask(&nic), m, sizeof m), ip4addr_ntoa_r(netif_ip4_gw(&nic), g, sizeof g));
}

void net_tick(void)
{
    if (!started)
        return;
    uint32_t now = sys_now();
    if (now != last_check_ms) {
        last_check_ms = now;
        sys_check_timeouts();
    }
}

void inet_wait_here(void)
{
    if (started)
        virtio_net_steer(this_cpu()->id);
}

int inet_present(void) { return started; }

int inet_ready(void) { return started && netif_is_up(&nic) && !ip4_addr_isany_val(*netif_ip4_addr(&nic)); }

int inet_is_host(const struct astra_sockaddr_storage *a)
{
    return a->ss_family == ASTRA_AF_INET && inet_ready() &&
           ((const struct astra_sockaddr_in *)a)->sin_addr.s_addr == ip4_addr_get_u32(netif_ip4_addr(&nic));
}
