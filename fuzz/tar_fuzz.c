/* The initrd's USTAR reader (kernel/tar.c): a corrupt archive ends the walk or is reported,
 * never read past; every entry it returns lies inside the archive. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs/tar.h"

static void require(int ok)
{
    if (!ok)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *ar = malloc(size ? size : 1);
    memcpy(ar, data, size);
    size_t off = 0, prev = 0;
    struct tar_entry e;
    int r;
    char first[256] = "";
    while ((r = tar_next(ar, size, &off, &e)) == 1) {
        require(off > prev);
        prev = off;
        size_t len = strnlen(e.name, sizeof e.name);
        require(len < sizeof e.name);
        require((const unsigned char *)e.data >= ar && (const unsigned char *)e.data <= ar + size);
        require(e.size <= (size_t)(ar + size - (const unsigned char *)e.data));
        if (e.size) /* touch the first and last byte: must be inside the archive */
            require(((const unsigned char *)e.data)[0] + ((const unsigned char *)e.data)[e.size - 1] < 512);
        if (!first[0] && e.type == '0')
            memcpy(first, e.name, len + 1);
    }
    require(r == 0 || r == -1);
    if (first[0]) /* the first regular file is found by its name, with or without "/" */
        require(tar_find(ar, size, first, &e) == 0 && tar_find(ar, size, "/nonexistent\x01", &e) == -1);
    free(ar);
    return 0;
}
