#include <astra/syscall_nr.h>

/* long astra_clone(unsigned long flags, void *stack_top, int *parent_tid, int *child_tid,
 *                  void *tls, void (*fn)(void *), void *arg)
 * Returns the child's tid (or -errno) in the parent; the child runs fn(arg) on stack_top and
 * exits the thread if fn returns. */
    .text
    .globl astra_clone
    .type astra_clone, @function
astra_clone:
    mov 8(%rsp), %rax           /* arg, the 7th argument */
    and $-16, %rsi
    sub $16, %rsi
    mov %r9, 0(%rsi)            /* fn and arg travel on the child's new stack */
    mov %rax, 8(%rsi)
    mov %rcx, %r10              /* clone(flags, stack, parent_tid, child_tid, tls) */
    mov $ASTRA_NR_clone, %eax
    syscall
    test %rax, %rax
    jnz 1f
    xor %ebp, %ebp              /* child: end of the frame chain */
    pop %rax
    pop %rdi
    call *%rax
    xor %edi, %edi
    mov $ASTRA_NR_exit, %eax
    syscall
    ud2
1:  ret
    .size astra_clone, .-astra_clone
    .section .note.GNU-stack,"",@progbits
