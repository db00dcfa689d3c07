#include <astra/abi.h>

#include "proc/script.h"

static int spacetab(char c) { return c == ' ' || c == '\t'; }

static char *next_non_spacetab(char *first, char *last)
{
    for (; first <= last; first++)
        if (!spacetab(*first))
            return first;
    return 0;
}

static char *next_terminator(char *first, char *last)
{
    for (; first <= last; first++)
        if (spacetab(*first) || !*first)
            return first;
    return 0;
}

int script_parse(char *buf, char **name, char **arg)
{
    char *buf_end = buf + EXEC_SCRIPT_LINE - 1, *end = 0;
    for (char *c = buf; c < buf + EXEC_SCRIPT_LINE; c++)
        if (*c == '\n') {
            end = c;
            break;
        }
    if (!end) {
        /* No end of line: the interpreter's name must end within the buffer. */
        if (!(end = next_non_spacetab(buf + 2, buf_end)) || !next_terminator(end, buf_end))
            return -ASTRA_ENOEXEC;
        end = buf_end;
    }
    while (spacetab(end[-1]))
        end--;
    *name = next_non_spacetab(buf + 2, end);
    if (!*name || *name == end)
        return -ASTRA_ENOEXEC;
    *arg = 0;
    char *sep = next_terminator(*name, end);
    if (sep && *sep)
        *arg = next_non_spacetab(sep, end);
    *end = 0;
    if (*arg)
        *sep = 0;
    return 0;
}
