#include "../internal/libc.h"

void astra_libc_run_atexit(void);

typedef void (*fini_fn)(void);
extern fini_fn __fini_array_start[] __attribute__((weak, visibility("hidden")));
extern fini_fn __fini_array_end[] __attribute__((weak, visibility("hidden")));

/* The main thread's thread-local destructors, atexit handlers (newest first), the
 * program's destructors (last first), then the end of the process: glibc's order, which
 * Rust std's thread-locals expect. */
_Noreturn void exit(int status)
{
    astra_libc_run_tls_dtors();
    astra_libc_run_atexit();
    for (fini_fn *f = __fini_array_end; f > __fini_array_start;)
        (*--f)();
    _exit(status);
}
