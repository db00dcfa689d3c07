#include "../internal/libc.h"

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
    return (pid_t)astra_libc_ret(SYS4(wait4, pid, status, options, ru));
}

pid_t waitpid(pid_t pid, int *status, int options) { return wait4(pid, status, options, 0); }

pid_t wait(int *status) { return wait4(-1, status, 0, 0); }

int waitid(idtype_t type, id_t id, siginfo_t *info, int options)
{
    return (int)astra_libc_ret(SYS5(waitid, type, id, info, options, 0));
}
