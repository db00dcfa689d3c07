#include "../internal/libc.h"

_Noreturn void _exit(int status)
{
    for (;;)
        SYS1(exit_group, status);
}

_Noreturn void _Exit(int status) { _exit(status); }
