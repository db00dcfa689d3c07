#include <astra/astra.h>

#include "../internal/syscall.h"

/* hermit's pollfd and poll bits are Linux's, so the array goes to the kernel as it is. */
_Static_assert(HERMIT_POLLIN == ASTRA_POLLIN && HERMIT_POLLPRI == ASTRA_POLLPRI &&
                   HERMIT_POLLOUT == ASTRA_POLLOUT && HERMIT_POLLERR == ASTRA_POLLERR &&
                   HERMIT_POLLHUP == ASTRA_POLLHUP && HERMIT_POLLNVAL == ASTRA_POLLNVAL &&
                   HERMIT_POLLRDNORM == ASTRA_POLLRDNORM && HERMIT_POLLRDBAND == ASTRA_POLLRDBAND &&
                   HERMIT_POLLWRNORM == ASTRA_POLLWRNORM && HERMIT_POLLWRBAND == ASTRA_POLLWRBAND &&
                   HERMIT_POLLRDHUP == ASTRA_POLLRDHUP,
               "poll bits");

/* The kernel's nfds is 32 bits: a larger count must not wrap to a small one. */
int sys_poll(struct hermit_pollfd *fds, hermit_nfds_t nfds, int32_t timeout)
{
    if (nfds > 0xffffffffu)
        return (int)astra_ret(-ASTRA_EINVAL);
    return (int)astra_ret(astra_syscall3(ASTRA_NR_poll, (long)fds, (long)nfds, timeout));
}
