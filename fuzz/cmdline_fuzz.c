/* The kernel command line (kernel/cmdline.c): any bytes QEMU or a boot loader pass give
 * either an error with a reason or arguments and an environment that lie in the result's
 * own string space, each NUL-terminated. The parser is built here with small capacities
 * (fuzz/meson.build: 32 arguments, 64 environment entries, 1 KiB of strings; the kernel's
 * own are checked at their limits by the kernel unit tests), so that inputs of a few KiB
 * reach every limit: with the kernel's 64 KiB of strings, each input had to be repeated to
 * 200 KB, and the harness made some 300 executions a second instead of thousands. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cmdline.h"

/* Enough to fill the string space with empty values ("a= ": 3 bytes for its 1-byte NUL). */
#define REPEATED (4 * CMDLINE_STRINGS)

static void require(int ok)
{
    if (!ok)
        __builtin_trap();
}

static void require_own_string(const struct boot_args *a, const char *s)
{
    require(s >= a->strings && s < a->strings + CMDLINE_STRINGS);
    require(memchr(s, 0, (size_t)(a->strings + CMDLINE_STRINGS - s)) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An input starting with byte 1 is repeated up to REPEATED bytes: lines that fill the
     * string space with short values are out of reach of inputs up to -max_len. */
    size_t len = size, n = size;
    if (size > 1 && data[0] == 1)
        data++, n = size - 1, len = REPEATED;
    char *line = malloc(len + 1);
    for (size_t i = 0; i < len; i += n)
        memcpy(line + i, data, len - i < n ? len - i : n);
    line[len] = 0;
    static struct boot_args *a;
    if (!a) /* large: allocated once (AddressSanitizer still guards its end) */
        a = malloc(sizeof *a);
    char err[128];
    if (cmdline_parse(line, a, err, sizeof err)) {
        require(err[0] != 0);
    } else {
        require(a->argc >= 1 && a->argc <= CMDLINE_MAX_ARGS && !a->argv[a->argc]);
        require(a->envc >= 0 && a->envc <= CMDLINE_MAX_ENV && !a->envp[a->envc]);
        for (int i = 1; i < a->argc; i++)
            require_own_string(a, a->argv[i]);
        for (int i = 0; i < a->envc; i++)
            require_own_string(a, a->envp[i]);
        const char *opt[] = { a->init, a->tty, a->net };
        for (unsigned i = 0; i < sizeof opt / sizeof opt[0]; i++)
            if (opt[i])
                require_own_string(a, opt[i]);
    }
    free(line);
    return 0;
}
