/* The vDSO's way of reading the CPU number (kernel/arch/x86_64/vdso_arch.h: RDPID or RDTSCP
 * reading TSC_AUX, decoded as Linux encodes it), run as an ordinary static program
 * (tests/vdso_test.py): on the Linux host, whose kernel sets TSC_AUX to its own encoding, and
 * on the Astra kernel. Pinned to CPU 0 and then CPU 1, it compares each instruction the CPU
 * has (CPUID) with the getcpu system call and prints, per instruction and CPU, "the getcpu
 * system call's", "differs", or "absent". */
#define _GNU_SOURCE
#include <cpuid.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vdso_arch.h"

static int has(unsigned method)
{
    unsigned a, b, c, d;
    if (method == VDSO_GETCPU_RDPID)
        return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (c >> 22 & 1);
    return __get_cpuid(0x80000001, &a, &b, &c, &d) && (d >> 27 & 1);
}

int main(void)
{
    static const struct { unsigned method; const char *name; } ways[] = {
        { VDSO_GETCPU_RDPID, "RDPID" }, { VDSO_GETCPU_RDTSCP, "RDTSCP" } };
    for (int cpu = 0; cpu < 2; cpu++) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        if (sched_setaffinity(0, sizeof set, &set))
            return printf("cannot pin to CPU %d\n", cpu), 1;
        unsigned sys_cpu, sys_node;
        if (syscall(SYS_getcpu, &sys_cpu, &sys_node, 0))
            return printf("getcpu failed\n"), 1;
        for (int i = 0; i < 2; i++) {
            uint32_t aux = 0;
            const char *verdict = "absent";
            if (has(ways[i].method)) {
                vdso_tsc_aux(ways[i].method, &aux);
                unsigned c = aux & ((1u << VDSO_CPU_BITS) - 1), n = aux >> VDSO_CPU_BITS;
                verdict = c == sys_cpu && n == sys_node ? "the getcpu system call's" : "differs";
            }
            printf("%s on CPU %d: %s\n", ways[i].name, cpu, verdict);
        }
    }
    return 0;
}
