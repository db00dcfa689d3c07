#include "../../internal/startup.h"
#include "../internal/libc.h"

/* The main thread's initial stack pointer, where pthread_getattr_np finds its stack. */
void *astra_libc_main_stack;

/* As Rust's std and every libc's start code: environ, then main, then exit() with its result
 * (atexit handlers and the main thread's thread-local destructors run there). */
_Noreturn void astra_libc_start(long *sp, int (*main)(int, char **, char **))
{
    struct astra_startup s;
    astra_libc_main_stack = sp;
    astra_init_process(sp, &s);
    __environ = s.envp;
    astra_self()->detach_state = ASTRA_THREAD_DETACHED;
    exit(main(s.argc, s.argv, s.envp));
}
