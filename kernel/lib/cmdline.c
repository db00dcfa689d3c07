#include "lib/cmdline.h"
#include "lib/kstring.h"
#include "lib/printf.h"

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

#define FAIL(...) return ksnprintf(err, errlen, __VA_ARGS__), -1

int cmdline_parse(const char *s, struct boot_args *out, char *err, size_t errlen)
{
    size_t used = 0;
    const char *argv0 = 0;
    out->init = 0;
    out->tty = 0;
    out->strace = 0;
    out->net = 0;
    out->argc = 1; /* argv[0] is filled in at the end */
    out->envc = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *key = s;
        while (*s && *s != ' ' && *s != '=')
            s++;
        size_t keylen = (size_t)(s - key);
        if (*s != '=') {
            continue; /* a bare word (QEMU or a boot loader may add some): ignored */
        }
        s++;
        char *value = out->strings + used;
        while (*s && *s != ' ') {
            char c = *s++;
            if (c == '%') {
                int hi = hex(s[0]), lo = hi < 0 ? -1 : hex(s[1]);
                if (lo < 0)
                    FAIL("bad %%-escape in the kernel command line");
                c = (char)(hi * 16 + lo);
                s += 2;
            }
            if (used + 1 >= CMDLINE_STRINGS)
                FAIL("kernel command line strings exceed %d bytes", CMDLINE_STRINGS);
            out->strings[used++] = c;
        }
        if (used >= CMDLINE_STRINGS) /* an empty value after the space was used up */
            FAIL("kernel command line strings exceed %d bytes", CMDLINE_STRINGS);
        out->strings[used++] = 0;
        if (keylen == 4 && !strncmp(key, "init", 4)) {
            out->init = value;
        } else if (keylen == 3 && !strncmp(key, "net", 3)) {
            out->net = value;
        } else if (keylen == 6 && !strncmp(key, "strace", 6)) {
            out->strace = value[0] == '1' && !value[1];
        } else if (keylen == 3 && !strncmp(key, "tty", 3)) {
            out->tty = value;
        } else if (keylen == 5 && !strncmp(key, "argv0", 5)) {
            argv0 = value;
        } else if (keylen == 3 && !strncmp(key, "arg", 3)) {
            if (out->argc >= CMDLINE_MAX_ARGS)
                FAIL("more than %d arguments", CMDLINE_MAX_ARGS - 1);
            out->argv[out->argc++] = value;
        } else if (keylen == 3 && !strncmp(key, "env", 3)) {
            if (out->envc >= CMDLINE_MAX_ENV)
                FAIL("more than %d environment entries", CMDLINE_MAX_ENV);
            out->envp[out->envc++] = value;
        }
    }
    out->argv[0] = argv0 ? argv0 : out->init ? out->init : "";
    out->argv[out->argc] = 0;
    out->envp[out->envc] = 0;
    return 0;
}
