#include "../internal/libc.h"

struct astra_tls_dtor {
    struct astra_tls_dtor *next;
    void (*fn)(void *);
    void *obj;
};

/* What C++ and Rust std register for thread_local objects with destructors: they run when
 * the thread ends (newest first), or at exit() for the main thread. */
int __cxa_thread_atexit_impl(void (*fn)(void *), void *obj, void *dso)
{
    (void)dso;
    struct astra_tls_dtor *d = malloc(sizeof *d);
    if (!d)
        return -1;
    struct astra_tcb *self = astra_self();
    *d = (struct astra_tls_dtor){ self->tls_dtors, fn, obj };
    self->tls_dtors = d;
    return 0;
}

/* Destructors may register new ones; run until none is left. */
void astra_libc_run_tls_dtors(void)
{
    struct astra_tcb *self = astra_self();
    struct astra_tls_dtor *d;
    while ((d = self->tls_dtors)) {
        self->tls_dtors = d->next;
        d->fn(d->obj);
        free(d);
    }
}
