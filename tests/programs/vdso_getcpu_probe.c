/* getcpu through the vDSO (tests/vdso_test.py), on the Linux host and on the Astra kernel,
 * built against libastra's C library for the unix target (-DASTRA_LIBC: sched_getcpu) and
 * against static glibc (sched_getcpu, which reads rseq's CPU number where the kernel offers
 * rseq and calls the vDSO's getcpu where it does not, and getcpu, always the vDSO's).
 * `probe N` pins itself to CPU 0, then to CPU 1, and on each asks the getcpu system call once
 * and the C library N times per function, which must give the system call's CPU and node.
 * vdso_test.py counts the getcpu system calls: two are the probe's own. */
#ifdef ASTRA_LIBC
#include <astra/libc.h>
#include <astra/syscall_nr.h>
#define PROBE_NR_getcpu ASTRA_NR_getcpu
#else
#define _GNU_SOURCE
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#define PROBE_NR_getcpu SYS_getcpu
#endif

/* Writes "what: value\n" (a number) to standard output. */
static void say(const char *what, long value)
{
    char buf[128];
    size_t n = 0;
    while (*what && n < 96)
        buf[n++] = *what++;
    buf[n++] = ':';
    buf[n++] = ' ';
    if (value < 0) {
        buf[n++] = '-';
        value = -value;
    }
    char digits[24];
    int d = 0;
    do
        digits[d++] = (char)('0' + value % 10);
    while (value /= 10);
    while (d)
        buf[n++] = digits[--d];
    buf[n++] = '\n';
    (void)!write(1, buf, n);
}

static void say_yes(const char *what, int yes)
{
    size_t len = strlen(what);
    (void)!write(1, what, len);
    (void)!write(1, yes ? ": yes\n" : ": no\n", yes ? 6 : 5);
}

static int pin(int cpu)
{
    cpu_set_t set;
    memset(&set, 0, sizeof set);
    set.__bits[cpu / (8 * sizeof set.__bits[0])] |= 1UL << (cpu % (8 * sizeof set.__bits[0]));
    return sched_setaffinity(0, sizeof set, &set);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    long n = strtol(argv[1], 0, 10);
    for (int cpu = 0; cpu < 2; cpu++) {
        say(cpu ? "pinned to CPU 1" : "pinned to CPU 0", pin(cpu));
        unsigned sys_cpu = 99, sys_node = 99;
        say("getcpu system call", syscall(PROBE_NR_getcpu, &sys_cpu, &sys_node, 0));
        say("its CPU", sys_cpu);
        say("its node", sys_node);
        int same = 1;
        for (long i = 0; i < n; i++)
            same &= sched_getcpu() == (int)sys_cpu;
        say_yes("sched_getcpu, every time the system call's CPU", same);
#ifndef ASTRA_LIBC
        same = 1;
        for (long i = 0; i < n; i++) {
            unsigned c = 99, nd = 99;
            same &= getcpu(&c, &nd) == 0 && c == sys_cpu && nd == sys_node;
        }
        say_yes("getcpu, every time the system call's CPU and node", same);
        unsigned c = 99, nd = 99;
        say("getcpu(NULL, NULL)", getcpu(0, 0));
        same = getcpu(&c, 0) == 0 && c == sys_cpu;
        same &= getcpu(0, &nd) == 0 && nd == sys_node;
        say_yes("getcpu with one null pointer: the other written", same);
#endif
    }
    return 0;
}
