/* The `#!` line of a script (kernel/script.c), as exec hands it over: the file's first
 * EXEC_SCRIPT_LINE bytes, zero padded. The interpreter and its argument must lie in the
 * buffer, end in it and hold no line end. (Either may be empty, as on Linux: "#!" alone names
 * the interpreter "", which exec then fails to find.) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proc/script.h"

static void require(int ok)
{
    if (!ok)
        __builtin_trap();
}

static void require_field(const char *buf, const char *s)
{
    require(s >= buf && s < buf + EXEC_SCRIPT_LINE);
    size_t n = strnlen(s, (size_t)(buf + EXEC_SCRIPT_LINE - s));
    require(s + n < buf + EXEC_SCRIPT_LINE); /* terminated inside the buffer */
    require(!memchr(s, '\n', n) && s[0] != ' ' && s[0] != '\t');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* exec only parses files that start with "#!" */
    char *buf = calloc(1, EXEC_SCRIPT_LINE);
    buf[0] = '#', buf[1] = '!';
    memcpy(buf + 2, data, size < EXEC_SCRIPT_LINE - 2 ? size : EXEC_SCRIPT_LINE - 2);
    char *name, *arg;
    if (!script_parse(buf, &name, &arg)) {
        require_field(buf, name);
        if (arg)
            require_field(buf, arg);
        require(!arg || arg > name + strlen(name));
        /* the interpreter's name has no blank in it */
        require(!strchr(name, ' ') && !strchr(name, '\t'));
    }
    free(buf);
    return 0;
}
