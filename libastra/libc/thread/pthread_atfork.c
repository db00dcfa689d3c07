#include "../../internal/lock.h"
#include "../internal/libc.h"

/* fork's handlers: prepare newest first, parent and child oldest first. */
struct handlers {
    void (*prepare)(void), (*parent)(void), (*child)(void);
};
static struct handlers list[64];
static int count;
static astra_lock_t lock = ASTRA_LOCK_INIT;

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
    astra_lock(&lock);
    if (count == (int)(sizeof list / sizeof list[0])) {
        astra_unlock(&lock);
        return ENOMEM;
    }
    list[count++] = (struct handlers){ prepare, parent, child };
    astra_unlock(&lock);
    return 0;
}

/* Called by fork (weakly: only programs that register handlers link this file). */
void astra_libc_atfork(int phase)
{
    if (phase < 0) {
        astra_lock(&lock);
        for (int i = count - 1; i >= 0; i--)
            if (list[i].prepare)
                list[i].prepare();
        return;
    }
    for (int i = 0; i < count; i++) {
        void (*fn)(void) = phase == 0 ? list[i].child : list[i].parent;
        if (fn)
            fn();
    }
    if (phase == 0)
        lock = (astra_lock_t)ASTRA_LOCK_INIT;
    else
        astra_unlock(&lock);
}
