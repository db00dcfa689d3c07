#include "../internal/libc.h"

int poll(struct pollfd *fds, nfds_t n, int timeout) { return (int)astra_libc_ret(SYS3(poll, fds, n, timeout)); }
