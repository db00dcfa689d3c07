#include <stdint.h>

#include "fs/tar.h"
#include "lib/kstring.h"

static int parse_octal(const char *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '7'; i++) {
        if (v >> 60)
            return -1;
        v = v * 8 + (uint64_t)(s[i] - '0');
    }
    for (; i < n; i++)
        if (s[i] != ' ' && s[i] != 0)
            return -1;
    *out = v;
    return 0;
}

static const char *strip_prefix(const char *name)
{
    for (;;) {
        if (name[0] == '.' && name[1] == '/')
            name += 2;
        else if (name[0] == '/')
            name++;
        else
            return name;
    }
}

int tar_next(const void *archive, size_t size, size_t *offset, struct tar_entry *e)
{
    const unsigned char *base = archive;
    if (*offset + 512 > size)
        return 0;
    const unsigned char *h = base + *offset;
    int zero = 1;
    for (int i = 0; i < 512 && zero; i++)
        zero = h[i] == 0;
    if (zero)
        return 0;

    uint64_t want, sum = 0, fsize, mode;
    if (parse_octal((const char *)h + 148, 8, &want))
        return -1;
    for (int i = 0; i < 512; i++)
        sum += (i >= 148 && i < 156) ? ' ' : h[i];
    if (sum != want || parse_octal((const char *)h + 124, 12, &fsize) ||
        parse_octal((const char *)h + 100, 8, &mode))
        return -1;
    if (fsize > size - *offset - 512)
        return -1;

    char full[260];
    size_t n = 0;
    if (!memcmp(h + 257, "ustar", 5) && h[345]) {
        for (size_t i = 0; i < 155 && h[345 + i]; i++)
            full[n++] = (char)h[345 + i];
        full[n++] = '/';
    }
    for (size_t i = 0; i < 100 && h[i]; i++)
        full[n++] = (char)h[i];
    full[n] = 0;
    strlcpy(e->name, strip_prefix(full), sizeof e->name);
    size_t len = strlen(e->name);
    if (len && e->name[len - 1] == '/')
        e->name[len - 1] = 0;
    e->type = h[156] ? (char)h[156] : '0';
    e->mode = (unsigned)mode;
    e->data = h + 512;
    e->size = fsize;
    *offset += 512 + ((fsize + 511) & ~(uint64_t)511);
    return 1;
}

int tar_find(const void *archive, size_t size, const char *path, struct tar_entry *e)
{
    path = strip_prefix(path);
    size_t off = 0;
    int r;
    while ((r = tar_next(archive, size, &off, e)) == 1)
        if (e->type == '0' && !strcmp(e->name, path))
            return 0;
    return -1;
}
