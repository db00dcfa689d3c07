/* What lwIP includes as <stdlib.h>: only atoi (netif names), defined in kernel/net/port.c. */
#ifndef ASTRA_LWIP_STDLIB_H
#define ASTRA_LWIP_STDLIB_H
int atoi(const char *s);
#endif
