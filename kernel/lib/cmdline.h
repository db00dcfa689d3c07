/* The kernel command line chooses the program, its arguments and its environment:
 *   init=/path  arg=VALUE ...  env=NAME=VALUE ...  argv0=VALUE  strace=1  net=CONFIG
 *   tty=ROWSxCOLS
 * Values are percent-encoded (%20 for a space, %25 for '%', %3D may stand for '='), so any
 * byte string can be passed. Pure: no kernel state. */
#ifndef ASTRA_KERNEL_CMDLINE_H
#define ASTRA_KERNEL_CMDLINE_H

#include <stddef.h>

/* The fuzz harness (fuzz/cmdline_fuzz.c) builds the parser with smaller capacities, so that
 * short inputs reach every limit. */
#ifndef CMDLINE_MAX_ARGS
#define CMDLINE_MAX_ARGS 256
#endif
#ifndef CMDLINE_MAX_ENV
#define CMDLINE_MAX_ENV 1024
#endif
#ifndef CMDLINE_STRINGS
#define CMDLINE_STRINGS 65536
#endif

struct boot_args {
    const char *init;     /* NULL when not given */
    const char *tty;      /* the console is an interactive terminal of this size; NULL: raw */
    int strace;           /* strace=1: trace every system call (strace.c) */
    const char *net;      /* the network's configuration (net/inet.h); NULL when not given */
    int argc;             /* including argv[0] */
    const char *argv[CMDLINE_MAX_ARGS + 1];
    int envc;
    const char *envp[CMDLINE_MAX_ENV + 1];
    char strings[CMDLINE_STRINGS];
};

/* 0, or -1 with a reason in err (too many items, bad escape, strings too long). */
int cmdline_parse(const char *cmdline, struct boot_args *out, char *err, size_t errlen);

#endif
