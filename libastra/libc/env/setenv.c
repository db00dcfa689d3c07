#include "../internal/lock.h"
#include "../internal/libc.h"

/* setenv and unsetenv: environ becomes an array this file owns (grown by doubling); the
 * strings setenv makes are never freed, as a program may still hold what getenv returned. */
static astra_lock_t env_lock = ASTRA_LOCK_INIT;
static char **owned;
static size_t owned_cap;

static size_t count(char **e)
{
    size_t n = 0;
    while (e && e[n])
        n++;
    return n;
}

/* Makes room for one more entry in an environment this file owns; 0 or -ENOMEM. */
static int own(size_t n)
{
    if (__environ == owned && n + 2 <= owned_cap)
        return 0;
    size_t cap = owned_cap ? owned_cap : 16;
    while (cap < n + 2)
        cap *= 2;
    char **e = malloc(cap * sizeof *e);
    if (!e)
        return -ENOMEM;
    memcpy(e, __environ, n * sizeof *e);
    e[n] = 0;
    char **old = owned;
    __environ = owned = e;
    owned_cap = cap;
    free(old);
    return 0;
}

static int valid_name(const char *name)
{
    return name && *name && !strchr(name, '=');
}

int setenv(const char *name, const char *value, int overwrite)
{
    if (!valid_name(name))
        return (int)astra_libc_ret(-EINVAL);
    size_t nl = strlen(name), vl = strlen(value);
    char *s = malloc(nl + vl + 2);
    if (!s)
        return (int)astra_libc_ret(-ENOMEM);
    memcpy(s, name, nl);
    s[nl] = '=';
    memcpy(s + nl + 1, value, vl + 1);
    astra_lock(&env_lock);
    size_t n = count(__environ), i;
    for (i = 0; i < n; i++)
        if (!strncmp(__environ[i], name, nl) && __environ[i][nl] == '=')
            break;
    int r = 0;
    if (i < n && !overwrite) {
        free(s);
    } else if ((r = own(n)) == 0) {
        __environ[i] = s;
        if (i == n)
            __environ[n + 1] = 0;
    } else {
        free(s);
    }
    astra_unlock(&env_lock);
    return (int)astra_libc_ret(r);
}

int unsetenv(const char *name)
{
    if (!valid_name(name))
        return (int)astra_libc_ret(-EINVAL);
    size_t nl = strlen(name);
    astra_lock(&env_lock);
    size_t n = count(__environ);
    int r = own(n);
    if (r == 0) {
        size_t j = 0;
        for (size_t i = 0; i < n; i++)
            if (strncmp(__environ[i], name, nl) || __environ[i][nl] != '=')
                __environ[j++] = __environ[i];
        __environ[j] = 0;
    }
    astra_unlock(&env_lock);
    return (int)astra_libc_ret(r);
}

int clearenv(void)
{
    astra_lock(&env_lock);
    if (owned)
        owned[0] = 0;
    __environ = owned;
    astra_unlock(&env_lock);
    return 0;
}
