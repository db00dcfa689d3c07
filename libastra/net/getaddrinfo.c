#include <astra/astra.h>

#include "../internal/net.h"
#include "../internal/syscall.h"
#include "../internal/translate.h"
#include "../internal/uaccess.h"

#define HOSTS_PATH "/etc/hosts"
#define SERVICES_PATH "/etc/services"
#define MAX_ADDRS 16
#define MAX_NAME 1025
#define MAX_SERVICE 64
#define NODE_MAGIC 0x41494e46u /* "AINF" */
#define KNOWN_FLAGS                                                                           \
    (HERMIT_AI_PASSIVE | HERMIT_AI_CANONNAME | HERMIT_AI_NUMERICHOST | HERMIT_AI_NUMERICSERV |  \
     HERMIT_AI_ALL | HERMIT_AI_ADDRCONFIG | HERMIT_AI_V4MAPPED)

/* Every result is one fixed-size allocation, so freeaddrinfo knows each size. */
struct ai_node {
    struct hermit_addrinfo ai;
    uint32_t magic;
    union {
        struct hermit_sockaddr_in in;
        struct hermit_sockaddr_in6 in6;
    } addr;
    char canon[256];
};

struct service {
    int32_t socktype, protocol;
    int port;
};

static const struct service candidates[] = {
    { HERMIT_SOCK_STREAM, HERMIT_IPPROTO_TCP, 0 },
    { HERMIT_SOCK_DGRAM, HERMIT_IPPROTO_UDP, 0 },
};

static int is_decimal(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* The (socktype, protocol, port) triples that servname and the hints allow; 0 or EAI_*. */
static int resolve_service(const char *serv, const struct hermit_addrinfo *hints,
                           struct service *out, int *count)
{
    if (hints->ai_socktype != 0 && hints->ai_socktype != HERMIT_SOCK_STREAM &&
        hints->ai_socktype != HERMIT_SOCK_DGRAM)
        return HERMIT_EAI_SOCKTYPE;
    int port = 0, numeric = serv && is_decimal(serv);
    if (numeric) {
        long v = 0;
        for (const char *p = serv; *p && v <= 65535; p++)
            v = v * 10 + (*p - '0');
        if (v > 65535)
            return HERMIT_EAI_SERVICE;
        port = (int)v;
    } else if (serv && (hints->ai_flags & HERMIT_AI_NUMERICSERV)) {
        return HERMIT_EAI_NONAME;
    }
    *count = 0;
    int socktype_matched = 0;
    for (unsigned i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        struct service s = candidates[i];
        if (hints->ai_socktype && hints->ai_socktype != s.socktype)
            continue;
        socktype_matched = 1;
        if (hints->ai_protocol && hints->ai_protocol != s.protocol)
            continue;
        s.port = port;
        if (serv && !numeric &&
            (s.port = astra_services_lookup(SERVICES_PATH, serv,
                                            s.protocol == HERMIT_IPPROTO_TCP ? "tcp" : "udp")) < 0)
            continue;
        out[(*count)++] = s;
    }
    if (*count)
        return 0;
    /* A protocol that contradicts the socket type is the hints' fault; otherwise the service
     * does not exist for the protocols asked for. */
    if (socktype_matched && hints->ai_socktype && hints->ai_protocol && (!serv || numeric))
        return HERMIT_EAI_SOCKTYPE;
    return HERMIT_EAI_SERVICE;
}

static struct astra_host_addr v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    return (struct astra_host_addr){ .family = ASTRA_AF_INET, .bytes = { a, b, c, d } };
}

static struct astra_host_addr v6(uint8_t last)
{
    return (struct astra_host_addr){ .family = ASTRA_AF_INET6, .bytes = { [15] = last } };
}

static struct astra_host_addr v4_mapped(const struct astra_host_addr *a)
{
    struct astra_host_addr m = { .family = ASTRA_AF_INET6, .bytes = { [10] = 0xff, [11] = 0xff } };
    __builtin_memcpy(m.bytes + 12, a->bytes, 4);
    return m;
}

static int wants(int family, int f) { return family == ASTRA_AF_UNSPEC || family == f; }

static int is_localhost(const char *s)
{
    const char *l = "localhost";
    for (; *s && *l; s++, l++)
        if ((*s | 0x20) != *l)
            return 0;
    return *s == *l;
}

static void set_canon(char *canon, const char *name)
{
    size_t n = 0;
    for (; name[n] && n < 255; n++)
        canon[n] = name[n];
    canon[n] = 0;
}

/* Addresses of a named host from the hosts file, with AI_V4MAPPED/AI_ALL applied. */
static int lookup_host(const char *node, int family, int flags, struct astra_host_addr *out,
                       char *canon)
{
    struct astra_host_addr all[MAX_ADDRS];
    int n = astra_hosts_lookup(HOSTS_PATH, node, ASTRA_AF_UNSPEC, all, MAX_ADDRS, canon, 256);
    if (n <= 0 && is_localhost(node)) {
        /* No hosts file, or one that does not name it: localhost is still the loopback. */
        all[0] = v4(127, 0, 0, 1);
        all[1] = v6(1);
        n = 2;
        set_canon(canon, "localhost");
    }
    int count = 0, have_v6 = 0;
    for (int i = 0; i < n; i++)
        have_v6 |= all[i].family == ASTRA_AF_INET6;
    int map = family == ASTRA_AF_INET6 && (flags & HERMIT_AI_V4MAPPED) &&
              (!have_v6 || (flags & HERMIT_AI_ALL));
    for (int i = 0; i < n; i++) {
        if (wants(family, all[i].family))
            out[count++] = all[i];
        else if (map && all[i].family == ASTRA_AF_INET)
            out[count++] = v4_mapped(&all[i]);
    }
    return count;
}

/* The addresses for node (NULL: the wildcard or loopback addresses); 0 or EAI_*. */
static int resolve_node(const char *node, int family, int flags, struct astra_host_addr *out,
                        int *count, char *canon)
{
    *count = 0;
    canon[0] = 0;
    if (!node) {
        /* glibc's orders: wildcard IPv4 first, loopback IPv6 first. */
        int passive = flags & HERMIT_AI_PASSIVE;
        struct astra_host_addr any4 = v4(0, 0, 0, 0), any6 = v6(0);
        struct astra_host_addr lo4 = v4(127, 0, 0, 1), lo6 = v6(1);
        const struct astra_host_addr *order[2] = { passive ? &any4 : &lo6, passive ? &any6 : &lo4 };
        for (int i = 0; i < 2; i++)
            if (wants(family, order[i]->family))
                out[(*count)++] = *order[i];
        return 0;
    }
    struct astra_host_addr a = { 0 };
    if (astra_parse_ipv4(node, a.bytes)) {
        a.family = ASTRA_AF_INET;
        if (family == ASTRA_AF_INET6) {
            if (!(flags & HERMIT_AI_V4MAPPED))
                return HERMIT_EAI_NONAME;
            a = v4_mapped(&a);
        }
    } else if (astra_parse_ipv6(node, a.bytes, &a.scope_id)) {
        a.family = ASTRA_AF_INET6;
        if (family == ASTRA_AF_INET)
            return HERMIT_EAI_NONAME;
    }
    if (a.family) {
        out[(*count)++] = a;
        set_canon(canon, node);
        return 0;
    }
    if (flags & HERMIT_AI_NUMERICHOST)
        return HERMIT_EAI_NONAME;
    *count = lookup_host(node, family, flags, out, canon);
    return *count ? 0 : HERMIT_EAI_NONAME;
}

static void free_list(struct hermit_addrinfo *ai)
{
    while (ai) {
        struct hermit_addrinfo *next = ai->ai_next;
        ((struct ai_node *)ai)->magic = 0;
        sys_free(ai, sizeof(struct ai_node), _Alignof(struct ai_node));
        ai = next;
    }
}

static struct ai_node *new_node(const struct astra_host_addr *a, const struct service *s)
{
    struct ai_node *n = (struct ai_node *)sys_alloc_zeroed(sizeof *n, _Alignof(struct ai_node));
    if (!n)
        return 0;
    n->magic = NODE_MAGIC;
    n->ai.ai_socktype = s->socktype;
    n->ai.ai_protocol = s->protocol;
    n->ai.ai_addr = (struct hermit_sockaddr *)&n->addr;
    uint16_t port = (uint16_t)(s->port << 8 | s->port >> 8);
    if (a->family == ASTRA_AF_INET) {
        n->ai.ai_family = HERMIT_AF_INET;
        n->ai.ai_addrlen = sizeof n->addr.in;
        n->addr.in.sin_len = sizeof n->addr.in;
        n->addr.in.sin_family = HERMIT_AF_INET;
        n->addr.in.sin_port = port;
        __builtin_memcpy(&n->addr.in.sin_addr, a->bytes, 4);
    } else {
        n->ai.ai_family = HERMIT_AF_INET6;
        n->ai.ai_addrlen = sizeof n->addr.in6;
        n->addr.in6.sin6_len = sizeof n->addr.in6;
        n->addr.in6.sin6_family = HERMIT_AF_INET6;
        n->addr.in6.sin6_port = port;
        n->addr.in6.sin6_scope_id = a->scope_id;
        __builtin_memcpy(&n->addr.in6.sin6_addr, a->bytes, 16);
    }
    return n;
}

/* A failure of the caller's memory is EAI_SYSTEM with the errno in sys_get_errno. */
static int system_error(long err)
{
    astra_ret(err);
    return HERMIT_EAI_SYSTEM;
}

int sys_getaddrinfo(const char *nodename, const char *servname,
                    const struct hermit_addrinfo *hints, struct hermit_addrinfo **res)
{
    struct hermit_addrinfo h = { .ai_family = HERMIT_AF_UNSPEC };
    char node[MAX_NAME], serv[MAX_SERVICE];
    long r;
    if (hints && (r = astra_copy_from_user(&h, hints, sizeof h)) < 0)
        return system_error(r);
    if (h.ai_flags & ~KNOWN_FLAGS)
        return HERMIT_EAI_BADFLAGS;
    int family = astra_af_from_hermit(h.ai_family);
    if (family != ASTRA_AF_UNSPEC && family != ASTRA_AF_INET && family != ASTRA_AF_INET6)
        return HERMIT_EAI_FAMILY;
    if (nodename && (r = astra_copy_string_from_user(node, nodename, sizeof node)) < 0)
        return r == -ASTRA_ENAMETOOLONG ? HERMIT_EAI_NONAME : system_error(r);
    if (servname && (r = astra_copy_string_from_user(serv, servname, sizeof serv)) < 0)
        return r == -ASTRA_ENAMETOOLONG ? HERMIT_EAI_SERVICE : system_error(r);
    if (!nodename && !servname)
        return HERMIT_EAI_NONAME;
    if (!nodename && (h.ai_flags & HERMIT_AI_CANONNAME))
        return HERMIT_EAI_BADFLAGS;

    struct service services[2];
    struct astra_host_addr addrs[MAX_ADDRS];
    char canon[256];
    int nservices, naddrs;
    int eai = resolve_service(servname ? serv : 0, &h, services, &nservices);
    if (!eai)
        eai = resolve_node(nodename ? node : 0, family, h.ai_flags, addrs, &naddrs, canon);
    if (eai)
        return eai;

    struct hermit_addrinfo *head = 0, **tail = &head;
    for (int i = 0; i < naddrs; i++) {
        for (int j = 0; j < nservices; j++) {
            struct ai_node *n = new_node(&addrs[i], &services[j]);
            if (!n) {
                free_list(head);
                return HERMIT_EAI_MEMORY;
            }
            *tail = &n->ai;
            tail = &n->ai.ai_next;
        }
    }
    if ((h.ai_flags & HERMIT_AI_CANONNAME) && canon[0]) {
        struct ai_node *first = (struct ai_node *)head;
        set_canon(first->canon, canon);
        first->ai.ai_canonname = first->canon;
    }
    if ((r = astra_copy_to_user(res, &head, sizeof head)) < 0) {
        free_list(head);
        return system_error(r);
    }
    return 0;
}

/* Lists not made by sys_getaddrinfo are left alone. */
void sys_freeaddrinfo(struct hermit_addrinfo *ai)
{
    while (ai) {
        struct ai_node copy;
        if (astra_copy_from_user(&copy, ai, sizeof copy) < 0 || copy.magic != NODE_MAGIC)
            return;
        struct hermit_addrinfo *next = copy.ai.ai_next;
        ((struct ai_node *)ai)->magic = 0;
        sys_free(ai, sizeof(struct ai_node), _Alignof(struct ai_node));
        ai = next;
    }
}
