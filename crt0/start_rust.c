/* crt0 for Rust programs: Rust std's Hermit backend starts at runtime_entry, which sets up
 * args and env, calls main and exits through sys_exit. */
#include "../libastra/internal/startup.h"

_Noreturn void runtime_entry(int argc, char **argv, char **envp);

_Noreturn void astra_start(long *sp)
{
    struct astra_startup s;
    astra_init_process(sp, &s);
    runtime_entry(s.argc, s.argv, s.envp);
}
