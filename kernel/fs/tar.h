/* Reading a USTAR archive in memory (the initrd). Pure: no kernel state. */
#ifndef ASTRA_KERNEL_TAR_H
#define ASTRA_KERNEL_TAR_H

#include <stddef.h>

struct tar_entry {
    char name[256];   /* without leading "./" or "/" */
    char type;        /* '0' file, '5' directory, others as in the archive */
    unsigned mode;
    const void *data;
    size_t size;
};

/* Iterates: *offset starts at 0. Returns 1 with *e filled, 0 at the end of the archive, -1
 * for a corrupt header (bad checksum or size beyond the archive). */
int tar_next(const void *archive, size_t size, size_t *offset, struct tar_entry *e);

/* Finds a regular file by path ("/hello", "hello" and "./hello" are the same); 0 or -1. */
int tar_find(const void *archive, size_t size, const char *path, struct tar_entry *e);

#endif
