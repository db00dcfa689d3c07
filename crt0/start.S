/* _start: the kernel enters here with rsp at argc (SysV initial stack) and no return address.
 * Clears the frame pointer, aligns the stack and hands the initial stack to astra_start. */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    mov %rsp, %rdi
    and $-16, %rsp
    call astra_start
    ud2
    .size _start, .-_start
    .section .note.GNU-stack,"",@progbits
