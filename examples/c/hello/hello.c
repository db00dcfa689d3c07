/* C on Astra: newlib's stdio and malloc over libastra. Writes a file in /tmp and reads it back. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    printf("hello from C on Astra: %d argument(s)\n", argc - 1);
    for (int i = 1; i < argc; i++)
        printf("  argv[%d] = \"%s\"\n", i, argv[i]);

    size_t n = 1000;
    unsigned *squares = malloc(n * sizeof *squares);
    if (!squares) {
        perror("malloc");
        return 1;
    }
    unsigned long long sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += squares[i] = (unsigned)(i * i);
    printf("sum of the first %zu squares: %llu\n", n, sum);
    free(squares);

    char path[64];
    snprintf(path, sizeof path, "/tmp/astra-c-hello-%d.txt", (int)getpid());
    FILE *f = fopen(path, "w");
    if (!f) {
        perror("fopen for writing");
        return 1;
    }
    fprintf(f, "line %d: %s\n", 1, "written with fprintf");
    fprintf(f, "line %d: %.3f\n", 2, 3.14159);
    fclose(f);

    char buf[128] = { 0 };
    f = fopen(path, "r");
    if (!f) {
        perror("fopen for reading");
        return 1;
    }
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    unlink(path);
    printf("read back %zu bytes:\n%s", got, buf);

    FILE *missing = fopen("/nonexistent/astra", "r");
    printf("fopen of a missing file: %s\n", missing ? "opened?!" : strerror(errno));
    return 0;
}
