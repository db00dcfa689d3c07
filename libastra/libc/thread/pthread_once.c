#include "../internal/libc.h"

#define ONCE_RUNNING 1
#define ONCE_DONE 2
#define ONCE_WAITERS 3

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
    int v = __atomic_load_n(once, __ATOMIC_ACQUIRE);
    while (v != ONCE_DONE) {
        if (v == 0) {
            if (!__atomic_compare_exchange_n(once, &v, ONCE_RUNNING, 0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
                continue;
            fn();
            if (__atomic_exchange_n(once, ONCE_DONE, __ATOMIC_RELEASE) == ONCE_WAITERS)
                SYS3(futex, once, ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG, 0x7fffffff);
            return 0;
        }
        if (v == ONCE_RUNNING &&
            !__atomic_compare_exchange_n(once, &v, ONCE_WAITERS, 0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
            continue;
        SYS4(futex, once, ASTRA_FUTEX_WAIT | ASTRA_FUTEX_PRIVATE_FLAG, ONCE_WAITERS, 0);
        v = __atomic_load_n(once, __ATOMIC_ACQUIRE);
    }
    return 0;
}
