/* lwIP's configuration in the Astra kernel: the raw API without an OS layer (NO_SYS). Every
 * lwIP call happens with interrupts off on one CPU (system calls, the NIC's interrupt, the
 * timer tick), so lwIP needs no locks of its own. IPv4 with ARP, ICMP, UDP, TCP and DHCP. */
#ifndef ASTRA_LWIPOPTS_H
#define ASTRA_LWIPOPTS_H

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define LWIP_TIMERS 1

#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 1
#define DHCP_DOES_ARP_CHECK 0
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_DNS 0
#define IP_REASSEMBLY 1
#define IP_FRAG 1
#define SO_REUSE 1
#define LWIP_TCP_KEEPALIVE 1
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 1
#define LWIP_STATS 0
#define LWIP_CHKSUM_ALGORITHM 3

/* Memory: lwIP's own heap and pools, static in the kernel image. */
#define MEM_ALIGNMENT 8
#define MEM_SIZE (2 * 1024 * 1024)
#define MEMP_NUM_PBUF 256
#define MEMP_NUM_UDP_PCB 64
#define MEMP_NUM_TCP_PCB 512
#define MEMP_NUM_TCP_PCB_LISTEN 64
#define MEMP_NUM_TCP_SEG 1024
#define MEMP_NUM_ARP_QUEUE 64
#define PBUF_POOL_SIZE 512

/* TCP: a 64 KiB window each way (the largest without window scaling). */
#define TCP_MSS 1460
#define TCP_WND (44 * TCP_MSS)
#define TCP_SND_BUF (44 * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_SNDLOWAT (TCP_SND_BUF / 2)
#define TCP_OVERSIZE TCP_MSS
#define TCP_LISTEN_BACKLOG 0
#define TCP_QUEUE_OOSEQ 1
#define LWIP_TCP_TIMESTAMPS 0
/* lwIP's default 250 ms fast timer holds a delayed acknowledgement up to 250 ms (Linux: at
 * most 40 ms); the slow timer (twice this) also gives retransmission finer steps. */
#define TCP_TMR_INTERVAL 20
/* TIME_WAIT and the FIN_WAIT_2 timeout last 2 * TCP_MSL: Linux's 60 s (lwIP's default 120 s). */
#define TCP_MSL 30000UL

#endif
