#include "../internal/translate.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct { int32_t hermit; int linux_af; } families[] = {
    { HERMIT_AF_UNSPEC, ASTRA_AF_UNSPEC },
    { HERMIT_AF_INET, ASTRA_AF_INET },
    { HERMIT_AF_INET6, ASTRA_AF_INET6 },
    { HERMIT_AF_VSOCK, ASTRA_AF_VSOCK },
};

int astra_af_from_hermit(int32_t family)
{
    for (unsigned i = 0; i < COUNT(families); i++)
        if (families[i].hermit == family)
            return families[i].linux_af;
    return -1;
}

int32_t astra_af_to_hermit(int family)
{
    for (unsigned i = 0; i < COUNT(families); i++)
        if (families[i].linux_af == family)
            return families[i].hermit;
    return -1;
}

static const struct { int32_t hermit; int linux_type; } sock_types[] = {
    { HERMIT_SOCK_STREAM, ASTRA_SOCK_STREAM },
    { HERMIT_SOCK_DGRAM, ASTRA_SOCK_DGRAM },
};
static const struct { int32_t hermit; int linux_flag; } sock_flags[] = {
    { HERMIT_SOCK_NONBLOCK, ASTRA_SOCK_NONBLOCK },
    { HERMIT_SOCK_CLOEXEC, ASTRA_SOCK_CLOEXEC },
};

int astra_socktype_from_hermit(int32_t type)
{
    int32_t flags_mask = HERMIT_SOCK_NONBLOCK | HERMIT_SOCK_CLOEXEC;
    int out = -1;
    for (unsigned i = 0; i < COUNT(sock_types); i++)
        if ((type & ~flags_mask) == sock_types[i].hermit)
            out = sock_types[i].linux_type;
    if (out < 0)
        return -1;
    for (unsigned i = 0; i < COUNT(sock_flags); i++)
        if (type & sock_flags[i].hermit)
            out |= sock_flags[i].linux_flag;
    return out;
}

int32_t astra_socktype_to_hermit(int type)
{
    int flags_mask = ASTRA_SOCK_NONBLOCK | ASTRA_SOCK_CLOEXEC;
    int32_t out = -1;
    for (unsigned i = 0; i < COUNT(sock_types); i++)
        if ((type & ~flags_mask) == sock_types[i].linux_type)
            out = sock_types[i].hermit;
    if (out < 0)
        return -1;
    for (unsigned i = 0; i < COUNT(sock_flags); i++)
        if (type & sock_flags[i].linux_flag)
            out |= sock_flags[i].hermit;
    return out;
}

int astra_msg_flags_from_hermit(int32_t flags)
{
    return flags & ~HERMIT_MSG_PEEK ? -1 : (flags & HERMIT_MSG_PEEK ? ASTRA_MSG_PEEK : 0);
}

int astra_shutdown_how_from_hermit(int32_t how)
{
    switch (how) {
    case HERMIT_SHUT_RD: return ASTRA_SHUT_RD;
    case HERMIT_SHUT_WR: return ASTRA_SHUT_WR;
    case HERMIT_SHUT_RDWR: return ASTRA_SHUT_RDWR;
    default: return -1;
    }
}

/* The bytes after the two-byte header (port, addresses, ids) lie at the same offsets. */
_Static_assert(sizeof(struct hermit_sockaddr_in) == sizeof(struct astra_sockaddr_in) &&
                   offsetof(struct hermit_sockaddr_in, sin_port) ==
                       offsetof(struct astra_sockaddr_in, sin_port) &&
                   offsetof(struct hermit_sockaddr_in, sin_addr) ==
                       offsetof(struct astra_sockaddr_in, sin_addr),
               "sockaddr_in");
_Static_assert(sizeof(struct hermit_sockaddr_in6) == sizeof(struct astra_sockaddr_in6) &&
                   offsetof(struct hermit_sockaddr_in6, sin6_flowinfo) ==
                       offsetof(struct astra_sockaddr_in6, sin6_flowinfo) &&
                   offsetof(struct hermit_sockaddr_in6, sin6_addr) ==
                       offsetof(struct astra_sockaddr_in6, sin6_addr) &&
                   offsetof(struct hermit_sockaddr_in6, sin6_scope_id) ==
                       offsetof(struct astra_sockaddr_in6, sin6_scope_id),
               "sockaddr_in6");
_Static_assert(sizeof(struct hermit_sockaddr_vm) == sizeof(struct astra_sockaddr_vm) &&
                   offsetof(struct hermit_sockaddr_vm, svm_port) ==
                       offsetof(struct astra_sockaddr_vm, svm_port) &&
                   offsetof(struct hermit_sockaddr_vm, svm_cid) ==
                       offsetof(struct astra_sockaddr_vm, svm_cid),
               "sockaddr_vm");

/* The size of a complete address of a Linux family, or 0 for one hermit-abi does not know. */
static size_t linux_addr_size(int family)
{
    switch (family) {
    case ASTRA_AF_INET: return sizeof(struct astra_sockaddr_in);
    case ASTRA_AF_INET6: return sizeof(struct astra_sockaddr_in6);
    case ASTRA_AF_VSOCK: return sizeof(struct astra_sockaddr_vm);
    default: return 0;
    }
}

long astra_sockaddr_from_hermit(const void *in, size_t len, struct astra_sockaddr_storage *out)
{
    const uint8_t *h = in;
    if (len < 2)
        return -ASTRA_EINVAL;
    int family = astra_af_from_hermit(h[1]);
    size_t size = family < 0 ? 0 : linux_addr_size(family);
    if (!size)
        return -ASTRA_EAFNOSUPPORT;
    if (len < size)
        return -ASTRA_EINVAL;
    *out = (struct astra_sockaddr_storage){ 0 };
    __builtin_memcpy(out, h, size);
    out->ss_family = (uint16_t)family;
    return (long)size;
}

void astra_sockaddr_header_to_hermit(uint16_t linux_family, size_t len, uint8_t header[2])
{
    int32_t family = astra_af_to_hermit(linux_family);
    header[0] = (uint8_t)(len > 255 ? 255 : len);
    header[1] = (uint8_t)(family < 0 ? HERMIT_AF_UNSPEC : family);
}

size_t astra_sockaddr_to_hermit(const void *in, size_t len, struct hermit_sockaddr_storage *out)
{
    if (len > sizeof *out)
        len = sizeof *out;
    *out = (struct hermit_sockaddr_storage){ 0 };
    __builtin_memcpy(out, in, len);
    if (len >= 2)
        astra_sockaddr_header_to_hermit(((const struct astra_sockaddr *)in)->sa_family, len,
                                        (uint8_t *)out);
    return len;
}

static const struct sockopt_map {
    int32_t hermit_level, hermit_name;
    int linux_level, linux_name;
    enum astra_optval_kind kind;
} sockopts[] = {
    { HERMIT_SOL_SOCKET, HERMIT_SO_REUSEADDR, ASTRA_SOL_SOCKET, ASTRA_SO_REUSEADDR, ASTRA_OPT_INT },
    { HERMIT_SOL_SOCKET, HERMIT_SO_KEEPALIVE, ASTRA_SOL_SOCKET, ASTRA_SO_KEEPALIVE, ASTRA_OPT_INT },
    { HERMIT_SOL_SOCKET, HERMIT_SO_BROADCAST, ASTRA_SOL_SOCKET, ASTRA_SO_BROADCAST, ASTRA_OPT_INT },
    { HERMIT_SOL_SOCKET, HERMIT_SO_LINGER, ASTRA_SOL_SOCKET, ASTRA_SO_LINGER, ASTRA_OPT_LINGER },
    { HERMIT_SOL_SOCKET, HERMIT_SO_SNDBUF, ASTRA_SOL_SOCKET, ASTRA_SO_SNDBUF, ASTRA_OPT_INT },
    { HERMIT_SOL_SOCKET, HERMIT_SO_RCVBUF, ASTRA_SOL_SOCKET, ASTRA_SO_RCVBUF, ASTRA_OPT_INT },
    { HERMIT_SOL_SOCKET, HERMIT_SO_SNDTIMEO, ASTRA_SOL_SOCKET, ASTRA_SO_SNDTIMEO, ASTRA_OPT_TIMEVAL },
    { HERMIT_SOL_SOCKET, HERMIT_SO_RCVTIMEO, ASTRA_SOL_SOCKET, ASTRA_SO_RCVTIMEO, ASTRA_OPT_TIMEVAL },
    { HERMIT_SOL_SOCKET, HERMIT_SO_ERROR, ASTRA_SOL_SOCKET, ASTRA_SO_ERROR, ASTRA_OPT_INT },
    { HERMIT_IPPROTO_TCP, HERMIT_TCP_NODELAY, ASTRA_IPPROTO_TCP, ASTRA_TCP_NODELAY, ASTRA_OPT_INT },
    { HERMIT_IPPROTO_IP, HERMIT_IP_TOS, ASTRA_IPPROTO_IP, ASTRA_IP_TOS, ASTRA_OPT_INT },
    { HERMIT_IPPROTO_IP, HERMIT_IP_TTL, ASTRA_IPPROTO_IP, ASTRA_IP_TTL, ASTRA_OPT_INT },
    { HERMIT_IPPROTO_IP, HERMIT_IP_MULTICAST_TTL, ASTRA_IPPROTO_IP, ASTRA_IP_MULTICAST_TTL, ASTRA_OPT_INT },
    { HERMIT_IPPROTO_IP, HERMIT_IP_MULTICAST_LOOP, ASTRA_IPPROTO_IP, ASTRA_IP_MULTICAST_LOOP, ASTRA_OPT_INT },
    { HERMIT_IPPROTO_IP, HERMIT_IP_ADD_MEMBERSHIP, ASTRA_IPPROTO_IP, ASTRA_IP_ADD_MEMBERSHIP, ASTRA_OPT_MREQ },
    { HERMIT_IPPROTO_IP, HERMIT_IP_DROP_MEMBERSHIP, ASTRA_IPPROTO_IP, ASTRA_IP_DROP_MEMBERSHIP, ASTRA_OPT_MREQ },
    { HERMIT_IPPROTO_IPV6, HERMIT_IPV6_ADD_MEMBERSHIP, ASTRA_IPPROTO_IPV6, ASTRA_IPV6_ADD_MEMBERSHIP, ASTRA_OPT_MREQ },
    { HERMIT_IPPROTO_IPV6, HERMIT_IPV6_DROP_MEMBERSHIP, ASTRA_IPPROTO_IPV6, ASTRA_IPV6_DROP_MEMBERSHIP, ASTRA_OPT_MREQ },
    { HERMIT_IPPROTO_IPV6, HERMIT_IPV6_MULTICAST_LOOP, ASTRA_IPPROTO_IPV6, ASTRA_IPV6_MULTICAST_LOOP, ASTRA_OPT_INT },
    { HERMIT_IPPROTO_IPV6, HERMIT_IPV6_V6ONLY, ASTRA_IPPROTO_IPV6, ASTRA_IPV6_V6ONLY, ASTRA_OPT_INT },
};

int astra_sockopt_from_hermit(int32_t level, int32_t optname, int *linux_level,
                              int *linux_optname, enum astra_optval_kind *kind)
{
    for (unsigned i = 0; i < COUNT(sockopts); i++) {
        if (sockopts[i].hermit_level == level && sockopts[i].hermit_name == optname) {
            *linux_level = sockopts[i].linux_level;
            *linux_optname = sockopts[i].linux_name;
            *kind = sockopts[i].kind;
            return 0;
        }
    }
    return -ASTRA_ENOPROTOOPT;
}
