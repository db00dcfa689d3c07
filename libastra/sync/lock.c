#include "../internal/lock.h"
#include "../internal/syscall.h"

/* Drepper's three-state mutex ("Futexes Are Tricky", mutex 2). */
void astra_lock(astra_lock_t *l)
{
    unsigned c = 0;
    if (__atomic_compare_exchange_n(&l->state, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    for (int spin = 0; spin < 100 && c == 1; spin++) {
        __builtin_ia32_pause();
        c = 0;
        if (__atomic_compare_exchange_n(&l->state, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return;
    }
    if (c != 2)
        c = __atomic_exchange_n(&l->state, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        astra_syscall4(ASTRA_NR_futex, (long)&l->state,
                       ASTRA_FUTEX_WAIT | ASTRA_FUTEX_PRIVATE_FLAG, 2, 0);
        c = __atomic_exchange_n(&l->state, 2, __ATOMIC_ACQUIRE);
    }
}

void astra_unlock(astra_lock_t *l)
{
    if (__atomic_exchange_n(&l->state, 0, __ATOMIC_RELEASE) == 2)
        astra_syscall3(ASTRA_NR_futex, (long)&l->state, ASTRA_FUTEX_WAKE | ASTRA_FUTEX_PRIVATE_FLAG,
                       1);
}
