#include "../../internal/alloc.h"
#include "../internal/libc.h"

/* A detached thread frees its own mapping: after munmap it may not touch its stack, so the
 * last two system calls are made from registers only. The kernel must not write the tid
 * into the freed memory at exit: set_tid_address(NULL) first. */
__attribute__((noreturn)) static void unmap_and_exit(void *base, size_t size)
{
    __asm__ volatile("syscall\n\t"
                     "xor %%edi, %%edi\n\t"
                     "mov %[exit_nr], %%eax\n\t"
                     "syscall\n\t"
                     "hlt"
                     :
                     : "a"(ASTRA_NR_munmap), "D"(base), "S"(size), [exit_nr] "i"(ASTRA_NR_exit)
                     : "rcx", "r11", "memory");
    __builtin_unreachable();
}

_Noreturn void pthread_exit(void *result)
{
    struct astra_tcb *self = astra_self();
    self->pthread_result = result;
    astra_libc_thread_cleanup();
    astra_alloc_thread_exit();
    uint64_t mask;
    astra_libc_block_all(&mask);
    int state = __atomic_exchange_n(&self->detach_state, ASTRA_THREAD_EXITING, __ATOMIC_ACQ_REL);
    if (state == ASTRA_THREAD_DETACHED && self->map_size) {
        SYS1(set_tid_address, 0);
        unmap_and_exit(self->map_base, self->map_size);
    }
    for (;;)
        SYS1(exit, 0);
}
