#include "../internal/libc.h"

/* /etc/passwd and /etc/group lookups: one line "f0:f1:...", matched by name or number. */
int astra_libc_db_lookup(const char *path, int nfields, int key_field, const char *name, unsigned long id,
                         char *buf, size_t len, char **fields);

/* Group members, the fourth field: split on ',' into a NULL-terminated array placed in buf
 * after the line. */
static int fill_group(struct group *gr, char **f, char *buf, size_t len, size_t used)
{
    size_t align = (used + sizeof(char *) - 1) & ~(sizeof(char *) - 1);
    size_t n = 1;
    for (const char *p = f[3]; *p; p++)
        n += *p == ',';
    if (align + (n + 1) * sizeof(char *) > len)
        return ERANGE;
    char **mem = (char **)(buf + align);
    size_t k = 0;
    for (char *p = f[3]; *p;) {
        mem[k++] = p;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = 0;
        p = c + 1;
    }
    mem[k] = 0;
    gr->gr_name = f[0];
    gr->gr_passwd = f[1];
    gr->gr_gid = (gid_t)strtoul(f[2], 0, 10);
    gr->gr_mem = mem;
    return 0;
}

static int lookup(const char *name, gid_t gid, struct group *gr, char *buf, size_t len, struct group **result)
{
    char *f[4];
    *result = 0;
    int saved = errno;
    int r = astra_libc_db_lookup("/etc/group", 4, name ? 0 : 2, name, gid, buf, len, f);
    errno = saved;
    if (r < 0)
        return -r;
    if (r == 0)
        return 0;
    r = fill_group(gr, f, buf, len, (size_t)r);
    if (r == 0)
        *result = gr;
    return r;
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t len, struct group **result)
{
    return lookup(0, gid, gr, buf, len, result);
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t len, struct group **result)
{
    return lookup(name, 0, gr, buf, len, result);
}
