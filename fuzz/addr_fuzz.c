/* libastra's numeric addresses (libastra/net/resolve.c) against glibc, the oracle: IPv4 as
 * glibc's getaddrinfo reads it (inet_aton without trailing text), IPv6 as inet_pton, plus a
 * numeric %scope. */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../libastra/internal/net.h"

static void require(int ok)
{
    if (!ok)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = 0;
    uint8_t mine[16], theirs[16];
    memset(mine, 0xaa, sizeof mine);
    int ok = astra_parse_ipv4(s, mine);
    /* inet_aton stops at white space and accepts what came before: not a whole address. */
    if (!strpbrk(s, " \t\n\v\f\r")) {
        struct in_addr in;
        int want = inet_aton(s, &in);
        require(ok == want);
        if (ok)
            require(!memcmp(mine, &in, 4));
    }
    uint32_t scope = 7;
    memset(mine, 0xaa, sizeof mine);
    ok = astra_parse_ipv6(s, mine, &scope);
    char *pct = strchr(s, '%');
    if (!pct) {
        int want = inet_pton(AF_INET6, s, theirs);
        require(ok == want);
        if (ok)
            require(!memcmp(mine, theirs, 16) && scope == 0);
    } else if (ok) { /* the address before the scope is one for inet_pton too */
        *pct = 0;
        require(inet_pton(AF_INET6, s, theirs) == 1 && !memcmp(mine, theirs, 16));
        require(strtoull(pct + 1, 0, 10) == scope);
    }
    free(s);
    return 0;
}
