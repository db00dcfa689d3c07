#include "../internal/net.h"
#include "../internal/syscall.h"
#include "../internal/translate.h"
#include "../internal/uaccess.h"

long astra_sockaddr_in(const struct hermit_sockaddr *addr, hermit_socklen_t len,
                       struct astra_sockaddr_storage *out)
{
    struct hermit_sockaddr_storage h;
    size_t n = len < sizeof h ? len : sizeof h;
    long r = astra_copy_from_user(&h, addr, n);
    return r < 0 ? r : astra_sockaddr_from_hermit(&h, n, out);
}

long astra_sockaddr_out_begin(const struct hermit_sockaddr *addr, const hermit_socklen_t *addrlen,
                              hermit_socklen_t *capacity)
{
    *capacity = 0;
    if (!addr)
        return 0;
    return astra_copy_from_user(capacity, addrlen, sizeof *capacity);
}

/* The kernel wrote min(capacity, actual) bytes of a Linux sockaddr and the actual length into
 * *addrlen; both are known writable now. */
void astra_sockaddr_out_end(struct hermit_sockaddr *addr, const hermit_socklen_t *addrlen,
                            hermit_socklen_t capacity)
{
    if (!addr)
        return;
    hermit_socklen_t actual = *addrlen;
    if (capacity < 2 || actual < 2)
        return;
    uint16_t family;
    __builtin_memcpy(&family, addr, sizeof family);
    astra_sockaddr_header_to_hermit(family, actual, (uint8_t *)addr);
}
