/* A fork bomb, bounded by the kernel (Astra only: it refuses to run unless it is pid 1, so
 * that it never bombs a host). Every process forks until fork fails, so the tree grows until
 * the process table (or memory) is full; then the first process lets the whole tree end and
 * must still be able to run a program. Driven by tests/kernel/proc_runtime_test.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <astra/astra.h>

#include "../../libastra/internal/syscall.h"
#include "probe.h"

/* Shared by the whole tree (MAP_SHARED stays shared across fork). */
struct counters {
    long forks, eagain, enomem, other;
};
static struct counters *shared;
static int go[2]; /* the tree waits for the end of this pipe */

static long memfree_kib(void)
{
    char text[256] = { 0 };
    long fd = astra_syscall3(ASTRA_NR_open, (long)"/proc/meminfo", ASTRA_O_RDONLY, 0), kib = -1;
    if (fd < 0 || astra_syscall3(ASTRA_NR_read, fd, (long)text, sizeof text - 1) <= 0)
        return -1;
    astra_syscall1(ASTRA_NR_close, fd);
    char *at = strstr(text, "MemFree:");
    if (at)
        sscanf(at + 8, "%ld", &kib);
    return kib;
}

/* A process is counted before its fork (and uncounted if the fork fails), so failures == forks + 1
 * holds only once every process there is or will be has stopped forking. */
static int tree_stopped(void)
{
    long failures = __atomic_load_n(&shared->eagain, __ATOMIC_SEQ_CST) + __atomic_load_n(&shared->enomem, __ATOMIC_SEQ_CST) +
                    __atomic_load_n(&shared->other, __ATOMIC_SEQ_CST);
    return failures == __atomic_load_n(&shared->forks, __ATOMIC_SEQ_CST) + 1;
}

/* Forks until fork fails; returns in the first process only. */
static void bomb(long first_pid)
{
    for (;;) {
        __atomic_fetch_add(&shared->forks, 1, __ATOMIC_SEQ_CST);
        long r = astra_syscall0(ASTRA_NR_fork);
        if (r == 0) {
            astra_syscall1(ASTRA_NR_close, go[1]);
            continue;
        }
        if (r > 0)
            continue;
        __atomic_fetch_sub(&shared->forks, 1, __ATOMIC_SEQ_CST);
        long *slot = r == -ASTRA_EAGAIN ? &shared->eagain : r == -ASTRA_ENOMEM ? &shared->enomem : &shared->other;
        __atomic_fetch_add(slot, 1, __ATOMIC_SEQ_CST);
        break;
    }
    if (astra_syscall0(ASTRA_NR_getpid) == first_pid)
        return;
    char c;
    astra_syscall3(ASTRA_NR_read, go[0], (long)&c, 1);
    astra_syscall1(ASTRA_NR_exit_group, 0);
}

/* Runs this program again ("hello") and returns its wait status. */
static long run_a_program(void)
{
    char exe[4096];
    long n = astra_syscall3(ASTRA_NR_readlink, (long)"/proc/self/exe", (long)exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    char *argv[] = { "fork_bomb", "hello", NULL }, *envp[] = { NULL };
    long pid = astra_syscall0(ASTRA_NR_fork);
    if (pid == 0) {
        astra_syscall3(ASTRA_NR_execve, (long)exe, (long)argv, (long)envp);
        astra_syscall1(ASTRA_NR_exit_group, 100);
    }
    int st = -1;
    if (pid < 0 || astra_syscall4(ASTRA_NR_wait4, pid, (long)&st, 0, 0) != pid)
        return -1;
    return st;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "hello")) {
        printf("hello from a program started after the bomb\n");
        return 0;
    }
    long self = astra_syscall0(ASTRA_NR_getpid);
    if (self != 1) {
        printf("fork_bomb runs only as pid 1 (on the Astra kernel)\n");
        return 2;
    }
    long m = astra_syscall6(ASTRA_NR_mmap, 0, 4096, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                            ASTRA_MAP_SHARED | ASTRA_MAP_ANONYMOUS, -1, 0);
    if (astra_is_err(m))
        return 3;
    shared = (struct counters *)m;
    /* Twice: the kernel keeps the objects of the first tree in its caches (free memory drops
     * once), but the second tree must cost nothing more. */
    long free_after[2];
    for (int round = 1; round <= 2; round++) {
        memset(shared, 0, sizeof *shared);
        if (astra_syscall2(ASTRA_NR_pipe2, (long)go, 0))
            return 3;
        fflush(stdout);
        bomb(self);
        /* Until every process has seen its fork fail (not "no change for a while": a host too
         * busy to run the guest would look like a quiet tree); a minute at most. */
        for (int waited = 0; waited < 600 && !tree_stopped(); waited++)
            sys_usleep(100000);
        long processes = shared->forks + 1;
        printf("round %d: the tree grew to %ld processes; failed forks: EAGAIN %ld, ENOMEM %ld, other %ld\n", round,
               processes, shared->eagain, shared->enomem, shared->other);
        astra_syscall1(ASTRA_NR_close, go[1]);
        long reaped = 0, r;
        while ((r = astra_syscall4(ASTRA_NR_wait4, -1, 0, 0, 0)) > 0 || r == -ASTRA_EINTR)
            reaped += r > 0;
        astra_syscall1(ASTRA_NR_close, go[0]);
        printf("round %d: collected %s (%s)\n", round,
               reaped == processes - 1 ? "every process of the tree" : "too few processes", probe_result(r));
        free_after[round - 1] = memfree_kib();
    }
    fflush(stdout);
    long st = run_a_program();
    printf("then a program ran and %s\n", st == 0 ? "exited with 0" : "failed");
    printf("free memory after the first tree %ld KiB, after the second %ld KiB\n", free_after[0], free_after[1]);
    return 0;
}
