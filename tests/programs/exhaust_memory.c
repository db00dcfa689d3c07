/* Uses up memory two ways; the kernel must answer with errors (or, for memory touched after
 * a successful mmap, end the program by its out-of-memory killer: alone, pid 1 is the only
 * candidate), never panic.
 *   exhaust_memory files   fill /tmp until a write fails, report the error, clean up, and
 *                          show the memory is usable again
 *   exhaust_memory anon    touch anonymous memory until the kernel stops the program */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <astra/abi.h>

#include "../../libastra/internal/syscall.h"

static char chunk[1 << 16];

static int fill(const char *path, long *written)
{
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
    if (fd < 0)
        return errno;
    for (;;) {
        long r = write(fd, chunk, sizeof chunk);
        if (r < 0) {
            int e = errno;
            close(fd);
            return e;
        }
        *written += r;
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "files")) {
        memset(chunk, 'x', sizeof chunk);
        long first = 0, second = 0;
        int e1 = fill("/tmp/fill-1", &first);
        unlink("/tmp/fill-1");
        int e2 = fill("/tmp/fill-2", &second);
        unlink("/tmp/fill-2");
        printf("first fill: %s after %ld MiB\n", e1 == ENOSPC ? "ENOSPC" : strerror(e1), first >> 20);
        printf("second fill after deleting: %s, %s\n", e2 == ENOSPC ? "ENOSPC" : strerror(e2),
               second >= first - (first >> 3) ? "the space came back" : "space was lost");
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "anon")) {
        long total = 0;
        for (;;) {
            long m = astra_syscall6(ASTRA_NR_mmap, 0, 1 << 20, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                                    ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
            if (astra_is_err(m)) {
                printf("mmap failed with %ld after %ld MiB\n", -m, total);
                return 0;
            }
            for (long off = 0; off < (1 << 20); off += 4096)
                ((volatile char *)m)[off] = 1;
            total++;
        }
    }
    return 2;
}
