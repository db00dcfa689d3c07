#include "../internal/libc.h"

int mlock(const void *addr, size_t len) { return (int)astra_libc_ret(SYS2(mlock, addr, len)); }

int munlock(const void *addr, size_t len) { return (int)astra_libc_ret(SYS2(munlock, addr, len)); }

int mlockall(int flags) { return (int)astra_libc_ret(SYS1(mlockall, flags)); }

int munlockall(void) { return (int)astra_libc_ret(SYS0(munlockall)); }

int memfd_create(const char *name, unsigned flags) { return (int)astra_libc_ret(SYS2(memfd_create, name, flags)); }
