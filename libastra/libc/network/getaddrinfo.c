#include <astra/astra.h>

#include "../../internal/translate.h"
#include "../internal/libc.h"

/* On libastra's resolver (net/getaddrinfo.c: numeric addresses, localhost, /etc/hosts and
 * /etc/services, glibc's orders), with the hints and results translated between Linux's
 * constants and layouts and hermit's. Each result is one allocation. */
struct node {
    struct addrinfo ai;
    struct sockaddr_storage addr;
    char canon[256];
};

static const struct { int linux_flag, hermit_flag; } flag_map[] = {
    { AI_PASSIVE, HERMIT_AI_PASSIVE },     { AI_CANONNAME, HERMIT_AI_CANONNAME },
    { AI_NUMERICHOST, HERMIT_AI_NUMERICHOST }, { AI_NUMERICSERV, HERMIT_AI_NUMERICSERV },
    { AI_ALL, HERMIT_AI_ALL },             { AI_ADDRCONFIG, HERMIT_AI_ADDRCONFIG },
    { AI_V4MAPPED, HERMIT_AI_V4MAPPED },
};

static const struct { int hermit_code, linux_code; } error_map[] = {
    { HERMIT_EAI_AGAIN, EAI_AGAIN },     { HERMIT_EAI_BADFLAGS, EAI_BADFLAGS },
    { HERMIT_EAI_FAIL, EAI_FAIL },       { HERMIT_EAI_FAMILY, EAI_FAMILY },
    { HERMIT_EAI_MEMORY, EAI_MEMORY },   { HERMIT_EAI_NODATA, EAI_NODATA },
    { HERMIT_EAI_NONAME, EAI_NONAME },   { HERMIT_EAI_SERVICE, EAI_SERVICE },
    { HERMIT_EAI_SOCKTYPE, EAI_SOCKTYPE }, { HERMIT_EAI_SYSTEM, EAI_SYSTEM },
    { HERMIT_EAI_OVERFLOW, EAI_OVERFLOW },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

void freeaddrinfo(struct addrinfo *ai)
{
    while (ai) {
        struct addrinfo *next = ai->ai_next;
        free(ai);
        ai = next;
    }
}

int getaddrinfo(const char *restrict host, const char *restrict serv, const struct addrinfo *restrict hints,
                struct addrinfo **restrict res)
{
    struct hermit_addrinfo h = { 0 };
    if (hints) {
        int known = 0;
        for (unsigned i = 0; i < N(flag_map); i++) {
            known |= flag_map[i].linux_flag;
            if (hints->ai_flags & flag_map[i].linux_flag)
                h.ai_flags |= flag_map[i].hermit_flag;
        }
        if (hints->ai_flags & ~known)
            return EAI_BADFLAGS;
        if (hints->ai_family != AF_UNSPEC && hints->ai_family != AF_INET && hints->ai_family != AF_INET6)
            return EAI_FAMILY;
        h.ai_family = hints->ai_family == AF_UNSPEC ? 0 : astra_af_to_hermit(hints->ai_family);
        h.ai_socktype = hints->ai_socktype;
        h.ai_protocol = hints->ai_protocol;
    }
    struct hermit_addrinfo *list = 0;
    int r = sys_getaddrinfo(host, serv, &h, &list);
    if (r) {
        for (unsigned i = 0; i < N(error_map); i++)
            if (error_map[i].hermit_code == r)
                return error_map[i].linux_code;
        return EAI_FAIL;
    }
    struct addrinfo *head = 0, **tail = &head;
    for (struct hermit_addrinfo *p = list; p; p = p->ai_next) {
        struct node *n = calloc(1, sizeof *n);
        if (!n) {
            freeaddrinfo(head);
            sys_freeaddrinfo(list);
            return EAI_MEMORY;
        }
        long len = astra_sockaddr_from_hermit(p->ai_addr, p->ai_addrlen, (struct astra_sockaddr_storage *)&n->addr);
        n->ai.ai_flags = hints ? hints->ai_flags : 0;
        n->ai.ai_family = n->addr.ss_family;
        n->ai.ai_socktype = p->ai_socktype;
        n->ai.ai_protocol = p->ai_protocol;
        n->ai.ai_addrlen = len < 0 ? 0 : (socklen_t)len;
        n->ai.ai_addr = (struct sockaddr *)&n->addr;
        if (p->ai_canonname) {
            strncpy(n->canon, p->ai_canonname, sizeof n->canon - 1);
            n->ai.ai_canonname = n->canon;
        }
        *tail = &n->ai;
        tail = &n->ai.ai_next;
    }
    sys_freeaddrinfo(list);
    *res = head;
    return 0;
}
