#include "../internal/libc.h"

/* The login name, from LOGNAME (musl's source: there is no utmp). */
char *getlogin(void) { return getenv("LOGNAME"); }

/* Returns the error number. */
int getlogin_r(char *name, size_t len)
{
    const char *l = getenv("LOGNAME");
    if (!l)
        return ENXIO;
    if (strlen(l) >= len)
        return ERANGE;
    strcpy(name, l);
    return 0;
}
