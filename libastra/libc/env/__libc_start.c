#include "../../internal/startup.h"
#include "../internal/libc.h"

/* The main thread's initial stack pointer, where pthread_getattr_np finds its stack. */
void *astra_libc_main_stack;

/* The static program's constructors, bounded by symbols the linker defines. */
typedef void (*init_fn)(int, char **, char **);
extern init_fn __preinit_array_start[] __attribute__((weak, visibility("hidden")));
extern init_fn __preinit_array_end[] __attribute__((weak, visibility("hidden")));
extern init_fn __init_array_start[] __attribute__((weak, visibility("hidden")));
extern init_fn __init_array_end[] __attribute__((weak, visibility("hidden")));

/* As every libc's start code: environ, constructors (given argc, argv and envp as glibc
 * gives them), then main, then exit() with its result (thread-local destructors, atexit
 * handlers and destructors run there). */
_Noreturn void astra_libc_start(long *sp, int (*main)(int, char **, char **))
{
    struct astra_startup s;
    astra_libc_main_stack = sp;
    astra_init_process(sp, &s);
    __environ = s.envp;
    astra_self()->detach_state = ASTRA_THREAD_DETACHED;
    for (init_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
        (*f)(s.argc, s.argv, s.envp);
    for (init_fn *f = __init_array_start; f < __init_array_end; f++)
        (*f)(s.argc, s.argv, s.envp);
    exit(main(s.argc, s.argv, s.envp));
}
