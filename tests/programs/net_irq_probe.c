/* Where the network card's interrupts go (tests/net_irq_test.py): a static glibc program.
 *   net_irq_probe PORT CPU   pins itself to CPU (sched_setaffinity), listens on PORT, prints
 *                            "listening", echoes what one connection sends until it ends,
 *                            then prints "echoed BYTES" and /proc/interrupts. */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static void die(const char *what)
{
    perror(what);
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: net_irq_probe PORT CPU\n");
        return 2;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(atoi(argv[2]), &set);
    if (sched_setaffinity(0, sizeof set, &set))
        die("sched_setaffinity");
    int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one))
        die("socket");
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])) };
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 1))
        die("bind/listen");
    printf("listening\n");
    fflush(stdout);
    int c = accept(l, 0, 0);
    if (c < 0)
        die("accept");
    char buf[4096];
    long total = 0;
    for (;;) {
        ssize_t n = read(c, buf, sizeof buf);
        if (n < 0)
            die("read");
        if (n == 0)
            break;
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(c, buf + done, (size_t)(n - done));
            if (w <= 0)
                die("write");
            done += w;
        }
        total += n;
    }
    close(c);
    printf("echoed %ld\n", total);
    FILE *f = fopen("/proc/interrupts", "r");
    if (!f)
        die("/proc/interrupts");
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, stdout);
    fclose(f);
    return 0;
}
