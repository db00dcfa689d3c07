#include "../internal/libc.h"

char *getenv(const char *name)
{
    size_t n = strchr(name, '=') ? 0 : strlen(name);
    for (char **e = __environ; n && e && *e; e++)
        if (!strncmp(*e, name, n) && (*e)[n] == '=')
            return *e + n + 1;
    return 0;
}
