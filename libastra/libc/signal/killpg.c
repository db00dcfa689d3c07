#include "../internal/libc.h"

int killpg(pid_t pgrp, int sig)
{
    if (pgrp < 0)
        return (int)astra_libc_ret(-EINVAL);
    return (int)astra_libc_ret(SYS2(kill, -pgrp, sig));
}
