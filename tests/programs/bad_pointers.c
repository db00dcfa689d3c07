/* System calls given kernel or unmapped pointers must fail with EFAULT, never crash. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    printf("%s: %ld %s\n", what, r, r < 0 ? (errno == EFAULT ? "EFAULT" : strerror(errno)) : "");
}

int main(void)
{
    show("write from the kernel image", write(1, (void *)0xffffffff80100000UL, 16));
    show("write from the direct map", write(1, (void *)0xffff800000000000UL, 16));
    show("write from an unmapped page", write(1, (void *)0x1000, 16));
    show("write from a non-canonical address", write(1, (void *)0x0000900000000000UL, 16));
    show("write straddling the end of user space", write(1, (void *)0x00007ffffffffff0UL, 64));
    show("write of 0 bytes from the kernel", write(1, (void *)0xffffffff80100000UL, 0));
    return 0;
}
