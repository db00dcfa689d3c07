/* Calls the kernel with hostile arguments: every syscall of the table (except those that
 * would end or block the program, or unmap its own code) with kernel addresses, unmapped and
 * misaligned pointers, huge lengths, bad descriptors and random flags. Deterministic (seeded).
 * The kernel must answer every call; the program prints how many it made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <astra/abi.h>
#include <astra/syscall_list.h>

#include "../../libastra/internal/syscall.h"

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* Valid memory for pointer arguments, alone in its mapping with a guard page after it: a call
 * given a pointer into it and a huge length stops at the guard instead of overwriting the
 * fuzzer's own data (which Linux would let it do just the same). */
#define SCRATCH_SIZE 8192
static char *scratch;

static long hostile(void)
{
    static const long values[] = {
        0, 1, -1, 2, 3, 7, 4096, 65536, 0x7fffffff, -4096, 0x10, 0x1000,
        (long)0xffffffff80100000UL, (long)0xffff800000000000UL, (long)0xffffffffffffffffUL,
        0x00007ffffffff000L, 0x0000800000000000L, 0x7fffffffffffffffL, (long)0x8000000000000000UL,
    };
    switch (next() % 4) {
    case 0: return values[next() % (sizeof values / sizeof values[0])];
    case 1: return (long)(scratch + next() % SCRATCH_SIZE); /* valid memory, any alignment */
    case 2: return (long)(next() % 2048);
    default: return (long)next();
    }
}

static int excluded(long nr)
{
    switch (nr) {
    case ASTRA_NR_exit: case ASTRA_NR_exit_group: case ASTRA_NR_kill: case ASTRA_NR_tgkill:
    case ASTRA_NR_reboot: case ASTRA_NR_rt_sigaction:          /* would end the program */
    case ASTRA_NR_munmap: case ASTRA_NR_mprotect: case ASTRA_NR_mremap: case ASTRA_NR_madvise:
    case ASTRA_NR_brk: case ASTRA_NR_arch_prctl: case ASTRA_NR_set_tid_address:
    case ASTRA_NR_fork: case ASTRA_NR_vfork: case ASTRA_NR_execve:  /* would multiply or replace it */
    case ASTRA_NR_clone: case ASTRA_NR_process_vm_readv:
    case ASTRA_NR_process_vm_writev:                            /* would break its own memory */
    case ASTRA_NR_futex: case ASTRA_NR_nanosleep: case ASTRA_NR_clock_nanosleep:
    case ASTRA_NR_poll: case ASTRA_NR_read: case ASTRA_NR_readv: case ASTRA_NR_accept:
    case ASTRA_NR_accept4: case ASTRA_NR_recvfrom: case ASTRA_NR_pread64:
    case ASTRA_NR_flock: case ASTRA_NR_pause: case ASTRA_NR_rt_sigsuspend: /* could block forever */
    case ASTRA_NR_rt_sigreturn:                                 /* would jump to a random frame */
    case ASTRA_NR_dup2: case ASTRA_NR_dup3: case ASTRA_NR_close:           /* would close stdout */
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const long numbers[] = {
#define NR(n, name, argc) n,
        ASTRA_SYSCALL_LIST(NR)
#undef NR
    };
    long iterations = argc > 1 ? atol(argv[1]) : 20000, made = 0;
    long m = astra_syscall6(ASTRA_NR_mmap, 0, SCRATCH_SIZE + 4096, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                            ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    if (astra_is_err(m) || astra_syscall3(ASTRA_NR_mprotect, m + SCRATCH_SIZE, 4096, ASTRA_PROT_NONE))
        return 4;
    scratch = (char *)m;
    /* Descriptors 3..18 are regular files, so every write the fuzzer makes lands in one: new
     * descriptors (dup of stdout, eventfds that could block a writer forever) come later. */
    for (int fd = 3; fd < 19; fd++) {
        char name[32];
        snprintf(name, sizeof name, "/tmp/fuzz-%d", fd);
        if (astra_syscall3(ASTRA_NR_open, (long)name, ASTRA_O_CREAT | ASTRA_O_RDWR, 0600) != fd)
            return 3;
    }
    for (long i = 0; i < iterations; i++) {
        long nr = numbers[next() % (sizeof numbers / sizeof numbers[0])];
        if (excluded(nr))
            continue;
        long a[6];
        for (int k = 0; k < 6; k++)
            a[k] = hostile();
        if (nr == ASTRA_NR_write || nr == ASTRA_NR_writev || nr == ASTRA_NR_pwrite64 ||
            nr == ASTRA_NR_sendto)
            a[0] = 3 + (long)(next() % 16);
        astra_syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        made++;
    }
    printf("made %ld hostile calls; the kernel answered them all\n", made);
    return 0;
}
