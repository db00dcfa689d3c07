#include "../internal/libc.h"

int astra_libc_db_lookup(const char *path, int nfields, int key_field, const char *name, unsigned long id,
                         char *buf, size_t len, char **fields);

static int lookup(const char *name, uid_t uid, struct passwd *pw, char *buf, size_t len, struct passwd **result)
{
    char *f[7];
    *result = 0;
    int saved = errno;
    int r = astra_libc_db_lookup("/etc/passwd", 7, name ? 0 : 2, name, uid, buf, len, f);
    errno = saved;
    if (r <= 0)
        return -r;
    pw->pw_name = f[0];
    pw->pw_passwd = f[1];
    pw->pw_uid = (uid_t)strtoul(f[2], 0, 10);
    pw->pw_gid = (gid_t)strtoul(f[3], 0, 10);
    pw->pw_gecos = f[4];
    pw->pw_dir = f[5];
    pw->pw_shell = f[6];
    *result = pw;
    return 0;
}

/* 0 with *result NULL when there is no such user (or no /etc/passwd), ERANGE when buf is
 * too small for the entry. */
int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len, struct passwd **result)
{
    return lookup(0, uid, pw, buf, len, result);
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len, struct passwd **result)
{
    return lookup(name, 0, pw, buf, len, result);
}
