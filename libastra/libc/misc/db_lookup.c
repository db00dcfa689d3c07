#include "../internal/libc.h"

#define LINE_MAX_BYTES 4096

/* Splits line (NUL-terminated, in place) on ':' into exactly n fields. */
static int split(char *line, int n, char **f)
{
    int k = 0;
    for (char *p = line; k < n; p++) {
        f[k++] = p;
        p = strchr(p, ':');
        if (!p)
            break;
        *p = 0;
    }
    return k == n;
}

static int matches(char *line, int n, int key, const char *name, unsigned long id, char **f)
{
    if (!split(line, n, f))
        return 0;
    if (name)
        return !strcmp(f[key], name);
    char *end;
    unsigned long v = strtoul(f[key], &end, 10);
    return !*end && end != f[key] && v == id;
}

/* Finds the first line of path whose field `key` is name (or, name NULL, the number id),
 * copies it into buf and points fields into the copy. Returns the bytes of buf used, 0 when
 * there is no such line (or no file), -ERANGE when buf is too small, -errno on a read
 * error. */
int astra_libc_db_lookup(const char *path, int nfields, int key_field, const char *name, unsigned long id,
                         char *buf, size_t len, char **fields);
int astra_libc_db_lookup(const char *path, int nfields, int key_field, const char *name, unsigned long id,
                         char *buf, size_t len, char **fields)
{
    long fd = SYS3(open, path, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    char chunk[512], line[LINE_MAX_BYTES];
    size_t used = 0;
    int result = 0, done = 0;
    while (!done) {
        long got = SYS3(read, fd, chunk, sizeof chunk);
        if (got < 0) {
            result = (int)got;
            break;
        }
        for (long i = 0; i <= got && !done; i++) {
            if (i < got && chunk[i] != '\n') {
                if (used < sizeof line - 1)
                    line[used++] = chunk[i];
                continue;
            }
            if (i == got && got != 0)
                break; /* the line continues in the next chunk */
            if (!used)
                continue;
            line[used] = 0;
            size_t n = used + 1;
            used = 0;
            char copy[LINE_MAX_BYTES];
            memcpy(copy, line, n);
            if (!matches(copy, nfields, key_field, name, id, fields))
                continue;
            done = 1;
            if (n > len) {
                result = -ERANGE;
            } else {
                memcpy(buf, line, n);
                split(buf, nfields, fields);
                result = (int)n;
            }
        }
        if (got == 0)
            break;
    }
    SYS1(close, fd);
    return result;
}
