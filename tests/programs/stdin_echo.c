/* Copies stdin to stdout in small reads, then reports the byte count and a checksum:
 * stdin must arrive intact (every byte value) and end with end-of-file. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    unsigned char buf[700];
    unsigned long total = 0, sum = 0;
    long n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        for (long i = 0; i < n; i++)
            sum = sum * 31 + buf[i];
        total += (unsigned long)n;
        if (write(1, buf, (size_t)n) != n)
            return 2;
    }
    fprintf(stderr, "read %lu bytes, checksum %lx, last read %ld\n", total, sum, n);
    return n < 0 ? 1 : 0;
}
