#include <astra/syscall_nr.h>

/* Where every handler returns: the kernel's rt_sigreturn restores the interrupted context. */
    .text
    .globl astra_libc_sigreturn
    .type astra_libc_sigreturn, @function
astra_libc_sigreturn:
    mov $ASTRA_NR_rt_sigreturn, %eax
    syscall
    hlt
    .size astra_libc_sigreturn, .-astra_libc_sigreturn
    .section .note.GNU-stack,"",@progbits
