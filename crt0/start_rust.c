/* crt0 for Rust programs: Rust std's Hermit backend starts at runtime_entry, which sets up
 * args and env, calls main and exits through sys_exit. */
#include "../libastra/internal/startup.h"
#include "../libastra/internal/syscall.h"

_Noreturn void runtime_entry(int argc, char **argv, char **envp);

_Noreturn void astra_start(long *sp)
{
    struct astra_startup s;
    astra_init_process(sp, &s);
    /* As Rust's std does on Linux: a write that no reader will see returns EPIPE instead of
     * killing the program. C programs keep SIGPIPE's default action, as C expects. */
    struct astra_sigaction ignore = { .handler = ASTRA_SIG_IGN };
    astra_syscall4(ASTRA_NR_rt_sigaction, ASTRA_SIGPIPE, (long)&ignore, 0, sizeof ignore.mask);
    runtime_entry(s.argc, s.argv, s.envp);
}
