/* An unknown system call number returns -ENOSYS (and Astra names it on stderr). */
#include <stdio.h>

int main(void)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(999L) : "rcx", "r11", "memory");
    printf("syscall 999 returned %ld\n", r);
    __asm__ volatile("syscall" : "=a"(r) : "a"(999L) : "rcx", "r11", "memory");
    printf("again: %ld\n", r);
    return 0;
}
