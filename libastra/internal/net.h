/* Socket addresses crossing the contract, and the name resolver behind getaddrinfo. */
#ifndef ASTRA_INTERNAL_NET_H
#define ASTRA_INTERNAL_NET_H

#include <astra/abi.h>
#include <astra/hermit.h>

/* Copies the caller's hermit sockaddr in and converts it. Returns the Linux length, or
 * -EFAULT / -EINVAL / -EAFNOSUPPORT. */
long astra_sockaddr_in(const struct hermit_sockaddr *addr, hermit_socklen_t len,
                       struct astra_sockaddr_storage *out);

/* For calls where the kernel writes an address back (accept, recvfrom, getsockname, ...):
 * begin reads the caller's buffer length (0 or -EFAULT); after the kernel succeeded, end
 * rewrites the first two bytes the kernel wrote into hermit's length byte and family. */
long astra_sockaddr_out_begin(const struct hermit_sockaddr *addr, const hermit_socklen_t *addrlen,
                              hermit_socklen_t *capacity);
void astra_sockaddr_out_end(struct hermit_sockaddr *addr, const hermit_socklen_t *addrlen,
                            hermit_socklen_t capacity);

/* ---- name resolution (net/resolve.c) ---- */
struct astra_host_addr {
    int family;          /* ASTRA_AF_INET or ASTRA_AF_INET6 */
    uint8_t bytes[16];   /* network order; IPv4 in the first 4 */
    uint32_t scope_id;
};

/* Numeric addresses as glibc's getaddrinfo reads them: IPv4 in inet_aton's forms (1 to 4
 * parts, decimal, octal or hex), IPv6 in inet_pton's (with "::" and a trailing dotted quad)
 * plus an optional numeric "%scope". Return 1 on success, 0 otherwise. */
int astra_parse_ipv4(const char *s, uint8_t out[4]);
int astra_parse_ipv6(const char *s, uint8_t out[16], uint32_t *scope_id);

/* The addresses of `name` (case-insensitive) in a hosts file, in file order, of `family`
 * (ASTRA_AF_UNSPEC for both). Fills at most max entries and, when canon is not NULL, the
 * official name of the first matching line. Returns the count, or -errno when the file
 * cannot be read. */
int astra_hosts_lookup(const char *path, const char *name, int family,
                       struct astra_host_addr *out, int max, char *canon, size_t canon_size);

/* The port of a service name for protocol "tcp" or "udp" in a services file, or -1. */
int astra_services_lookup(const char *path, const char *name, const char *proto);

#endif
