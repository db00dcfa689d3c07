/* Where the console's receive interrupt goes (tests/tty_irq_test.py): a static glibc program.
 *   tty_irq_probe CPU   pins itself to CPU (sched_setaffinity), prints "ready", copies its
 *                       stdin to its stdout as it comes until end of input, then prints
 *                       "echoed BYTES" and /proc/interrupts. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void write_all(const char *buf, size_t n)
{
    for (size_t done = 0; done < n;) {
        ssize_t w = write(1, buf + done, n - done);
        if (w <= 0)
            die("write");
        done += (size_t)w;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tty_irq_probe CPU\n");
        return 2;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(atoi(argv[1]), &set);
    if (sched_setaffinity(0, sizeof set, &set))
        die("sched_setaffinity");
    write_all("ready\n", 6);
    char buf[4096];
    long total = 0;
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0)
            die("read");
        if (n == 0)
            break;
        write_all(buf, (size_t)n);
        total += n;
    }
    int len = snprintf(buf, sizeof buf, "echoed %ld\n", total);
    write_all(buf, (size_t)len);
    FILE *f = fopen("/proc/interrupts", "r");
    if (!f)
        die("/proc/interrupts");
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        write_all(buf, n);
    fclose(f);
    return 0;
}
