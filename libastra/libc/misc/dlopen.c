#include "../internal/libc.h"

/* A static program loads no libraries: dlopen fails and says so (as musl's static dlopen
 * does), and dlsym finds nothing, which sends callers probing for optional functions to
 * their fallbacks. */
static const char *last_error;

void *dlopen(const char *file, int mode)
{
    (void)file;
    (void)mode;
    last_error = "Dynamic loading not supported";
    return 0;
}

void *dlsym(void *restrict handle, const char *restrict name)
{
    (void)handle;
    (void)name;
    last_error = "Symbol not found";
    return 0;
}

int dlclose(void *handle)
{
    (void)handle;
    last_error = "Invalid library handle";
    return 1;
}

char *dlerror(void)
{
    const char *e = last_error;
    last_error = 0;
    return (char *)e;
}
