#include "../internal/libc.h"

/* Kept by libastra (Linux keeps it in the kernel: comm); up to 15 bytes, else ERANGE. */
int pthread_setname_np(pthread_t t, const char *name)
{
    size_t n = strlen(name);
    if (n > 15)
        return ERANGE;
    memcpy(astra_pthread_tcb(t)->name, name, n + 1);
    return 0;
}

int pthread_getname_np(pthread_t t, char *name, size_t len)
{
    size_t n = strlen(astra_pthread_tcb(t)->name);
    if (n >= len)
        return ERANGE;
    memcpy(name, astra_pthread_tcb(t)->name, n + 1);
    return 0;
}
