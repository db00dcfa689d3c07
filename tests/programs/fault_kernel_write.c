/* Writes to the kernel's memory: the program must be stopped (SIGSEGV on Linux), the kernel
 * must carry on. */
#include <stdio.h>

int main(void)
{
    printf("writing to the kernel image\n");
    fflush(stdout);
    *(volatile int *)0xffffffff80101000UL = 1; /* the kernel's .text, mapped supervisor-only */
    printf("the write went through!\n");
    return 0;
}
