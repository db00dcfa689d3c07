#include "../internal/libc.h"

void astra_libc_run_atexit(void);

/* The main thread's thread-local destructors, then atexit handlers (newest first), then the
 * end of the process: glibc's order, which Rust std's thread-locals expect. */
_Noreturn void exit(int status)
{
    astra_libc_run_tls_dtors();
    astra_libc_run_atexit();
    _exit(status);
}
