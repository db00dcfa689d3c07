#include "../../internal/lock.h"
#include "../internal/libc.h"

/* atexit and __cxa_atexit handlers: a list of blocks, the first one static so that the
 * handlers of start-up code need no allocation. */
struct handler { void (*fn)(void *); void *arg; };
struct block {
    struct block *next;
    int count;
    struct handler h[32];
};

static struct block first;
static struct block *head = &first;
static astra_lock_t lock = ASTRA_LOCK_INIT;

int __cxa_atexit(void (*fn)(void *), void *arg, void *dso)
{
    (void)dso;
    astra_lock(&lock);
    if (head->count == 32) {
        struct block *b = calloc(1, sizeof *b);
        if (!b) {
            astra_unlock(&lock);
            return -1;
        }
        b->next = head;
        head = b;
    }
    head->h[head->count++] = (struct handler){ fn, arg };
    astra_unlock(&lock);
    return 0;
}

static void call_plain(void *fn) { ((void (*)(void))fn)(); }

int atexit(void (*fn)(void)) { return __cxa_atexit(call_plain, (void *)fn, 0); }

/* Handlers may register more handlers: the lock is dropped around each call. */
void astra_libc_run_atexit(void)
{
    astra_lock(&lock);
    for (;;) {
        while (head->count == 0 && head->next)
            head = head->next;
        if (head->count == 0)
            break;
        struct handler h = head->h[--head->count];
        astra_unlock(&lock);
        h.fn(h.arg);
        astra_lock(&lock);
    }
    astra_unlock(&lock);
}
