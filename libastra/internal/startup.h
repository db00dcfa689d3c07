/* Process startup shared by both crt0 flavours (C/newlib and Rust). */
#ifndef ASTRA_INTERNAL_STARTUP_H
#define ASTRA_INTERNAL_STARTUP_H

struct astra_startup {
    int argc;
    char **argv;
    char **envp;
    unsigned long *auxv;
};

/* Parses the SysV initial stack at sp (argc, argv..., 0, envp..., 0, auxv pairs, AT_NULL),
 * sets up the main thread's TLS and stack-protector canary, and fills *out. */
void astra_init_process(long *sp, struct astra_startup *out);

/* The value of auxiliary vector entry `type`, or 0 when absent. */
unsigned long astra_getauxval(unsigned long type);

#endif
