/* crt0 for the unix target (x86_64-astra-linux-musl): Rust std's unix backend enters through
 * C's main(argc, argv, envp); libastra's C library sets up TLS and environ, calls it and
 * exit()s with its result. */
_Noreturn void astra_libc_start(long *sp, int (*main)(int, char **, char **));
int main(int argc, char **argv, char **envp);

_Noreturn void astra_start(long *sp) { astra_libc_start(sp, main); }
