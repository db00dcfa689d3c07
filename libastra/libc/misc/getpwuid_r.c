#include "../internal/libc.h"

/* Looks the user up in /etc/passwd ("name:passwd:uid:gid:gecos:dir:shell"). 0 with *result
 * NULL when there is no such user (or no file), ERANGE when buf is too small. */
static int parse_line(char *line, uid_t uid, struct passwd *pw)
{
    char *f[7];
    int n = 0;
    for (char *p = line; n < 7; p++) {
        f[n++] = p;
        p = strchr(p, ':');
        if (!p)
            break;
        *p = 0;
    }
    if (n != 7)
        return 0;
    char *end;
    unsigned long u = strtoul(f[2], &end, 10);
    if (*end || end == f[2] || u != uid)
        return 0;
    pw->pw_name = f[0];
    pw->pw_passwd = f[1];
    pw->pw_uid = uid;
    pw->pw_gid = (gid_t)strtoul(f[3], 0, 10);
    pw->pw_gecos = f[4];
    pw->pw_dir = f[5];
    pw->pw_shell = f[6];
    return 1;
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len, struct passwd **result)
{
    *result = 0;
    int saved = errno;
    int fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        errno = saved;
        return 0;
    }
    char chunk[512], line[1024];
    size_t used = 0;
    int r = 0, found = 0;
    for (;;) {
        ssize_t got = read(fd, chunk, sizeof chunk);
        if (got < 0) {
            r = errno;
            break;
        }
        for (ssize_t i = 0; i <= got && !found; i++) {
            int end_of_line = i == got ? got == 0 : chunk[i] == '\n';
            if (i < got && chunk[i] != '\n') {
                if (used < sizeof line - 1)
                    line[used++] = chunk[i];
                continue;
            }
            if (!end_of_line || !used)
                continue;
            line[used] = 0;
            size_t n = used + 1;
            used = 0;
            if (n > len) {
                char copy[sizeof line];
                memcpy(copy, line, n);
                struct passwd tmp;
                if (parse_line(copy, uid, &tmp)) {
                    r = ERANGE;
                    found = 1;
                }
                continue;
            }
            memcpy(buf, line, n);
            if (parse_line(buf, uid, pw)) {
                *result = pw;
                found = 1;
            }
        }
        if (found || got == 0)
            break;
    }
    close(fd);
    errno = saved;
    return r;
}
