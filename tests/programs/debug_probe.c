/* For the debugger test: main calls outer, which calls inner (none inlined), so that gdb can
 * stop in main and in inner and show the frames between. */
#include <stdio.h>

__attribute__((noinline)) int inner(int x)
{
    printf("inner %d\n", x);
    return x * 2;
}

__attribute__((noinline)) int outer(int x)
{
    return inner(x + 1) + 1;
}

int main(void)
{
    printf("result %d\n", outer(20));
    return 5;
}
