/* The system-call fuzzer: from a seed, processes and threads call the kernel with hostile
 * arguments while the first process watches, then checks that the kernel still works.
 *
 *   syscall_fuzz SEED CALLS [PROCESSES [THREADS [PER_PROCESS]]]
 *
 * Runs only as pid 1 (on Astra, under astra-run): its children unlink, rename and chmod
 * whatever they name. PROCESSES children (default 3) at a time, each with THREADS threads
 * (default 3), make random calls of syscalls/syscalls.tbl: each argument is chosen by the kind
 * its declaration gives (tests/syscall_arg_kinds.h) among boundary numbers, bad and real
 * descriptors, paths, kernel, non-canonical and unmapped addresses, pointers into a scratch
 * buffer whose ends are guard pages (so an overrun faults instead of corrupting), huge lengths,
 * random flags. A child ends after PER_PROCESS calls (default 20000), or earlier, by its own
 * exit or execve or by a signal: all fine; the first process starts another until CALLS calls
 * are made. A child that makes no progress for STALL_NS (blocked in read, pause, futex, a
 * stopped process...) is killed with SIGKILL; one that is not gone 30 s later is a kernel bug.
 *
 * The children's calls are never aimed at the first process, which has to survive to report:
 * kill, tgkill, tkill and setpgid naming it name the child itself instead (kill(-1) spares
 * pid 1 already). reboot never gets Linux's first magic number (once implemented, it would end the
 * machine). Any new process or thread a child's fork, vfork, clone or clone3 makes exits at once
 * (spawning_syscall), so that the tree stays bounded: the kernel's fork paths still run with
 * hostile flags and pointers. Calls that end or kill the child are drawn less often (rarity()).
 *
 * Output: the seed, progress lines ("progress: N calls") every two seconds, and at the end the
 * number of calls made and the result of the checks (file round trip, pipe, fork and wait,
 * MemFree, every child reaped), then "kernel alive after N calls". Exit status 0, or 1 with a
 * line starting with "FAIL". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <astra/abi.h>
#include <astra/syscall_list.h>

#include "../../libastra/internal/syscall.h"
#include "syscall_arg_kinds.h"

#define MAX_PROCESSES 16
#define MAX_THREADS 8
#define STALL_NS 200000000LL          /* no call made for this long: the child is killed */
#define UNKILLABLE_NS 30000000000LL   /* killed this long ago and not reaped: a kernel bug */
#define PROGRESS_NS 2000000000LL
#define CHECK_EVERY 64                /* children reaped between two checks of the kernel */
#define SCRATCH_SIZE (4 * 4096)
#define THREAD_STACK (64 * 1024)

static long sys(long n, long a, long b, long c, long d, long e, long f)
{
    return astra_syscall6(n, a, b, c, d, e, f);
}
#define SYS0(n) sys(ASTRA_NR_##n, 0, 0, 0, 0, 0, 0)
#define SYS1(n, a) sys(ASTRA_NR_##n, (long)(a), 0, 0, 0, 0, 0)
#define SYS2(n, a, b) sys(ASTRA_NR_##n, (long)(a), (long)(b), 0, 0, 0, 0)
#define SYS3(n, a, b, c) sys(ASTRA_NR_##n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SYS4(n, a, b, c, d) sys(ASTRA_NR_##n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/* A system call that, in a new process or thread it creates, exits at once: it touches no
 * memory there (a vfork child shares the parent's stack; a clone may get any stack). */
long spawning_syscall(long n, long a, long b, long c, long d, long e, long f);
__asm__(".text\n"
        ".globl spawning_syscall\n"
        ".type spawning_syscall, @function\n"
        "spawning_syscall:\n"
        "    mov %rdi, %rax\n"
        "    mov %rsi, %rdi\n"
        "    mov %rdx, %rsi\n"
        "    mov %rcx, %rdx\n"
        "    mov %r8, %r10\n"
        "    mov %r9, %r8\n"
        "    mov 8(%rsp), %r9\n"
        "    syscall\n"
        "    test %rax, %rax\n"
        "    jnz 1f\n"
        "    mov $60, %eax\n"
        "    xor %edi, %edi\n"
        "    syscall\n"
        "    ud2\n"
        "1:  ret\n"
        ".size spawning_syscall, .-spawning_syscall\n");

/* Starts a thread of this process on stack (which holds the function, then its argument). */
long start_thread(long flags, void *stack);
__asm__(".text\n"
        ".globl start_thread\n"
        ".type start_thread, @function\n"
        "start_thread:\n"
        "    mov $56, %eax\n"
        "    xor %edx, %edx\n"
        "    xor %r10d, %r10d\n"
        "    xor %r8d, %r8d\n"
        "    syscall\n"
        "    test %rax, %rax\n"
        "    jnz 1f\n"
        "    pop %rax\n"
        "    pop %rdi\n"
        "    call *%rax\n"
        "    ud2\n"
        "1:  ret\n"
        ".size start_thread, .-start_thread\n");

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int64_t now_ns(void)
{
    struct astra_timespec t;
    SYS2(clock_gettime, ASTRA_CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* ---- shared between the first process and its children (MAP_SHARED) ---- */
struct shared {
    uint64_t calls[MAX_PROCESSES]; /* calls started by the child in each slot */
};
static struct shared *shared;
static long first_pid, first_pgid;

/* ---- one child ---- */
struct fuzzer {
    uint64_t rng;
    int slot;
    long budget;
};
static struct fuzzer fuzzers[MAX_THREADS];
static char *scratch;     /* SCRATCH_SIZE bytes between two guard pages */
static long self_pid;
static int recent_fds[16];

static uint64_t rnd(struct fuzzer *f) { return splitmix(&f->rng); }

/* Paths the children name: their sandbox (the working directory), files the system has, and
 * names that go wrong in every way. */
static const char *const paths[] = {
    "a", "b", "c", "d/e", "a/b", "./a", "../fz/b", "/fz", "/fz/a", "/fz/d", "/fz/d/e", "/fz/l",
    ".", "..", "/", "", "/proc/self/exe", "/proc/self/maps", "/proc/self/statm", "/proc/meminfo",
    "/proc/self", "/proc", "/dev/null", "/dev/zero", "/dev/urandom", "/dev", "/fz-script",
    "/fz-loop", "/nonexistent/x", "a/", "a/.", "//fz//a//", "l", "l/x", "/fz/l/l", "\xff\xfe",
    "dir-with-a-long-name-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on",
};

static long pick_number(struct fuzzer *f)
{
    static const long values[] = {
        0, 1, -1, 2, 3, 4, 7, 8, 16, 64, 255, 256, 4095, 4096, 4097, 65536, 0x7fffffff,
        -0x80000000L, 0xffffffffL, 0x100000000L, 0x7fffffffffffffffL, (long)0x8000000000000000UL,
        -4096, -100,
    };
    switch (rnd(f) % 5) {
    case 0: return values[rnd(f) % (sizeof values / sizeof values[0])];
    case 1: return (long)(rnd(f) % 32);
    case 2: return 1L << (rnd(f) % 64);
    case 3: return (long)(uint32_t)rnd(f);
    default: return (long)rnd(f);
    }
}

/* An address nothing may be at: the kernel's half, non-canonical ones, a guard page. */
static long bad_address(struct fuzzer *f)
{
    static const uint64_t values[] = {
        0, 1, 0xffffffff80000000ULL, 0xffffffff80100000ULL, 0xffff800000000000ULL,
        0xfffffffffffff000ULL, 0xffffffffffffffffULL, 0x0000800000000000ULL, 0x00007ffffffff000ULL,
        0x00007fffffffffffULL, 0x0000800000000000ULL - 8, 0x8000000000000000ULL, 0x1000, 0xfff,
    };
    switch (rnd(f) % 4) {
    case 0: return (long)(scratch - 4096 + rnd(f) % 4096);        /* the guard before */
    case 1: return (long)(scratch + SCRATCH_SIZE + rnd(f) % 4096); /* the guard after */
    default: return (long)values[rnd(f) % (sizeof values / sizeof values[0])];
    }
}

static long pick_pointer(struct fuzzer *f)
{
    switch (rnd(f) % 8) {
    case 0: case 1: case 2: return (long)(scratch + rnd(f) % SCRATCH_SIZE); /* any alignment */
    case 3: return (long)(scratch + (rnd(f) % (SCRATCH_SIZE / 8)) * 8);
    case 4: return (long)(scratch + SCRATCH_SIZE - rnd(f) % 64);          /* ends at the guard */
    case 5: return bad_address(f);
    case 6: return 0;
    default: return (long)rnd(f);
    }
}

static long pick_length(struct fuzzer *f)
{
    static const long values[] = {
        0, 1, 2, 7, 8, 16, 64, 100, 4095, 4096, 4097, 8192, SCRATCH_SIZE, SCRATCH_SIZE + 1,
        0x7fffffff, 0x80000000L, 0xffffffffL, 0x100000000L, 0x7ffffffffffff000L,
        0x7fffffffffffffffL, -1, -4096,
    };
    switch (rnd(f) % 3) {
    case 0: return (long)(rnd(f) % 128);
    case 1: return values[rnd(f) % (sizeof values / sizeof values[0])];
    default: return (long)(rnd(f) % (SCRATCH_SIZE + 8192));
    }
}

static long pick_fd(struct fuzzer *f)
{
    switch (rnd(f) % 8) {
    case 0: case 1: case 2: return (long)(rnd(f) % 24);
    case 3: case 4: return recent_fds[rnd(f) % 16];
    case 5: return ASTRA_AT_FDCWD;
    case 6: {
        static const long values[] = { -1, -2, 1023, 1024, 4096, 0x7fffffff, -0x80000000L, 0x100000003L };
        return values[rnd(f) % (sizeof values / sizeof values[0])];
    }
    default: return (long)(rnd(f) % 1100);
    }
}

static long pick_pid(struct fuzzer *f)
{
    switch (rnd(f) % 6) {
    case 0: return 0;
    case 1: return self_pid;
    case 2: return -1;
    case 3: return (long)(rnd(f) % 64);
    case 4: return -(long)(rnd(f) % 64);
    default: return pick_number(f);
    }
}

static long pick_address(struct fuzzer *f)
{
    switch (rnd(f) % 6) {
    case 0: return 0;
    case 1: return (long)((rnd(f) % 0x7ffffffff) << 12);              /* page-aligned, user half */
    case 2: return (long)(scratch + (rnd(f) % (SCRATCH_SIZE / 4096)) * 4096);
    case 3: return (long)(scratch + rnd(f) % SCRATCH_SIZE);
    case 4: return bad_address(f);
    default: return (long)rnd(f);
    }
}

static long pick(struct fuzzer *f, int kind)
{
    switch (kind) {
    case ARG_FD: return pick_fd(f);
    case ARG_PATH: {
        uint64_t r = rnd(f) % 16;
        if (r < 12)
            return (long)paths[rnd(f) % (sizeof paths / sizeof paths[0])];
        if (r == 12)   /* no NUL before the guard page */
            return (long)(scratch + SCRATCH_SIZE - 1 - rnd(f) % 5000);
        return pick_pointer(f);
    }
    case ARG_PID: return pick_pid(f);
    case ARG_SIGNAL: return rnd(f) % 8 ? (long)(rnd(f) % 66) : pick_number(f);
    case ARG_LENGTH: return pick_length(f);
    case ARG_ADDRESS: return pick_address(f);
    case ARG_POINTER: return pick_pointer(f);
    default: return pick_number(f);
    }
}

/* Fills the scratch buffer with what structs in it should hold to get past the first checks:
 * small numbers (lengths, a short timespec, descriptors), pointers into it, and random
 * words; its last page holds no NUL (strings read from it run into the guard page). */
static void refill_scratch(struct fuzzer *f)
{
    uint64_t *w = (uint64_t *)scratch;
    for (size_t i = 0; i < (SCRATCH_SIZE - 4096) / 8; i++) {
        switch (rnd(f) % 5) {
        case 0: w[i] = 0; break;
        case 1: w[i] = rnd(f) % 16; break;
        case 2: w[i] = rnd(f) % 4096; break;
        case 3: w[i] = (uint64_t)(scratch + rnd(f) % SCRATCH_SIZE); break;
        default: w[i] = rnd(f); break;
        }
    }
    memset(scratch + SCRATCH_SIZE - 4096, 'x', 4096);
}

static const long numbers[] = {
#define NR(n, name, argc) n,
    ASTRA_SYSCALL_LIST(NR)
#undef NR
};

/* How many times less often a call is made than the others: calls that end the calling
 * process (or most probably kill it: signals, a random signal frame) or wait for a signal
 * that never comes (pause, rt_sigsuspend; the child is killed as stalled) 16 times, calls that
 * often take away its own memory (an address 0 or its scratch buffer with a huge length) or
 * sleep for hours (nanosleep) 4 times, so that children live long enough to build up state. */
static unsigned rarity(long nr)
{
    switch (nr) {
    case ASTRA_NR_exit: case ASTRA_NR_exit_group: case ASTRA_NR_execve: case ASTRA_NR_rt_sigreturn:
    case ASTRA_NR_kill: case ASTRA_NR_tgkill: case ASTRA_NR_tkill: case ASTRA_NR_pause: case ASTRA_NR_rt_sigsuspend:
        return 16;
    case ASTRA_NR_munmap: case ASTRA_NR_mprotect: case ASTRA_NR_mremap: case ASTRA_NR_mmap:
    case ASTRA_NR_madvise: case ASTRA_NR_arch_prctl: case ASTRA_NR_nanosleep: case ASTRA_NR_clock_nanosleep:
        return 4;
    }
    return 1;
}

/* Keeps the call away from the first process (see the top of the file). */
static void aim_away_from_the_first_process(struct fuzzer *f, long nr, long *a)
{
    switch (nr) {
    case ASTRA_NR_kill:
        if (a[0] == first_pid || (a[0] < -1 && -a[0] == first_pgid) || (a[0] == 0 && self_pid == first_pgid))
            a[0] = self_pid;
        break;
    case ASTRA_NR_tgkill:
        if ((int)a[0] == first_pid || (int)a[1] == first_pid)
            a[0] = a[1] = self_pid;
        break;
    case ASTRA_NR_tkill:
        if ((int)a[0] == first_pid)
            a[0] = self_pid;
        break;
    case ASTRA_NR_setpgid:
        if ((int)a[0] == first_pid)
            a[0] = 0;
        break;
    case ASTRA_NR_clone:
        /* Its low byte is the signal the new process sends when it ends: mostly SIGCHLD
         * (or none), as a random one would end the child most of the time. */
        if (rnd(f) % 8)
            a[0] = (a[0] & ~0xffL) | (rnd(f) % 2 ? ASTRA_SIGCHLD : 0);
        break;
    case ASTRA_NR_reboot:
        if ((int)a[0] == (int)0xfee1dead)
            a[0] = 0;
        break;
    }
}

static _Noreturn void fuzz(struct fuzzer *f)
{
    for (;;) {
        uint64_t n = __atomic_fetch_add(&shared->calls[f->slot], 1, __ATOMIC_RELAXED);
        if ((long)n >= f->budget)
            SYS1(exit_group, 0);
        if (n % 256 == 0)
            refill_scratch(f);
        long nr;
        do
            nr = numbers[rnd(f) % (sizeof numbers / sizeof numbers[0])];
        while (rnd(f) % rarity(nr));
        long a[6];
        for (int k = 0; k < 6; k++)
            a[k] = nr < ARG_KINDS_SIZE ? pick(f, arg_kinds[nr][k]) : pick_number(f);
        aim_away_from_the_first_process(f, nr, a);
        long r;
        if (nr == ASTRA_NR_clone || nr == ASTRA_NR_clone3 || nr == ASTRA_NR_fork || nr == ASTRA_NR_vfork)
            r = spawning_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        else
            r = sys(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        if (r >= 0 && r < 1100)
            recent_fds[rnd(f) % 16] = (int)r;
    }
}

static void thread_main(struct fuzzer *f) { fuzz(f); }

static _Noreturn void child_main(int slot, uint64_t seed, long budget, int threads, int null_fd)
{
    SYS2(setpgid, 0, 0);
    for (int fd = 0; fd < 3; fd++)
        SYS2(dup2, null_fd, fd); /* nothing a child writes reaches the console */
    SYS1(chdir, "/fz");
    self_pid = SYS0(getpid);
    for (int i = 0; i < 16; i++)
        recent_fds[i] = 3 + i;
    long m = sys(ASTRA_NR_mmap, 0, SCRATCH_SIZE + 2 * 4096, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                 ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    if (astra_is_err(m) || SYS3(mprotect, m, 4096, ASTRA_PROT_NONE) ||
        SYS3(mprotect, m + 4096 + SCRATCH_SIZE, 4096, ASTRA_PROT_NONE))
        SYS1(exit_group, 98);
    scratch = (char *)m + 4096;
    for (int t = 0; t < threads; t++) {
        fuzzers[t] = (struct fuzzer){ .rng = seed ^ ((uint64_t)(t + 1) << 56), .slot = slot, .budget = budget };
        splitmix(&fuzzers[t].rng);
    }
    refill_scratch(&fuzzers[0]);
    for (int t = 1; t < threads; t++) {
        long stack = sys(ASTRA_NR_mmap, 0, THREAD_STACK, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                         ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
        if (astra_is_err(stack))
            continue;
        void **top = (void **)(stack + THREAD_STACK) - 2;
        top[0] = (void *)thread_main;
        top[1] = &fuzzers[t];
        start_thread(ASTRA_CLONE_VM | ASTRA_CLONE_FS | ASTRA_CLONE_FILES | ASTRA_CLONE_SIGHAND |
                         ASTRA_CLONE_THREAD | ASTRA_CLONE_SYSVSEM,
                     top);
    }
    fuzz(&fuzzers[0]);
}

/* ---- the first process ---- */
static int failed;

static void fail(const char *what, long value)
{
    printf("FAIL: %s (%ld)\n", what, value);
    fflush(stdout);
    failed = 1;
}

static long meminfo_fd;

/* MemFree in KiB, after checking that MemTotal >= MemFree > 0; -1 when that fails. */
static long memfree_kib(void)
{
    char text[512] = { 0 };
    long n = sys(ASTRA_NR_pread64, meminfo_fd, (long)text, sizeof text - 1, 0, 0, 0);
    long total = -1, free_kib = -1;
    char *t = n > 0 ? strstr(text, "MemTotal:") : NULL, *f = n > 0 ? strstr(text, "MemFree:") : NULL;
    if (t)
        total = strtol(t + 9, NULL, 10);
    if (f)
        free_kib = strtol(f + 8, NULL, 10);
    if (free_kib <= 0 || total <= 0 || free_kib > total) {
        fail("/proc/meminfo: MemTotal and MemFree make no sense", n);
        return -1;
    }
    return free_kib;
}

/* The kernel still does its work: a file written is read back, a pipe carries bytes, a fork
 * runs and is waited for. */
static void check_kernel(unsigned round)
{
    static unsigned char out[3 * 4096 + 123], in[sizeof out];
    for (size_t i = 0; i < sizeof out; i++)
        out[i] = (unsigned char)(i * 7 + round);
    long fd = SYS3(open, "/fuzz-check", ASTRA_O_CREAT | ASTRA_O_TRUNC | ASTRA_O_RDWR, 0600);
    if (fd < 0)
        return fail("check: open /fuzz-check", fd);
    long w = SYS3(write, fd, out, sizeof out), s = SYS3(lseek, fd, 0, ASTRA_SEEK_SET);
    long r = SYS3(read, fd, in, sizeof in);
    SYS1(close, fd);
    SYS1(unlink, "/fuzz-check");
    if (w != (long)sizeof out || s != 0 || r != (long)sizeof in || memcmp(in, out, sizeof in))
        return fail("check: a file did not read back what was written", r);
    int p[2];
    long e = SYS2(pipe2, p, 0);
    if (e)
        return fail("check: pipe2", e);
    w = SYS3(write, p[1], "ping", 4);
    r = SYS3(read, p[0], in, 4);
    SYS1(close, p[0]);
    SYS1(close, p[1]);
    if (w != 4 || r != 4 || memcmp(in, "ping", 4))
        return fail("check: a pipe did not carry 4 bytes", r);
    long pid = SYS0(fork);
    if (pid == 0)
        SYS1(exit_group, 42);
    int status = 0;
    long waited = pid > 0 ? SYS4(wait4, pid, &status, 0, 0) : pid;
    if (pid <= 0 || waited != pid || status != 42 << 8)
        return fail("check: fork and wait4 of a child exiting with 42", waited);
    memfree_kib();
}

/* Removes dir and everything under it (dir is relative to dirfd), as far as it can. */
static void remove_tree(long dirfd, const char *dir, int depth)
{
    long fd = sys(ASTRA_NR_openat, dirfd, (long)dir, ASTRA_O_RDONLY | ASTRA_O_DIRECTORY | ASTRA_O_NOFOLLOW, 0, 0, 0);
    if (fd < 0 || depth > 16) {
        sys(ASTRA_NR_unlinkat, dirfd, (long)dir, 0, 0, 0, 0);
        SYS1(close, fd);
        return;
    }
    char buf[2048];
    for (int pass = 0; pass < 64; pass++) {
        long n = SYS3(getdents64, fd, buf, sizeof buf), removed = 0;
        if (n <= 0)
            break;
        for (long off = 0; off < n;) {
            struct astra_dirent64 *d = (struct astra_dirent64 *)(buf + off);
            off += d->d_reclen;
            if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
                continue;
            char name[256];
            snprintf(name, sizeof name, "%s", d->d_name);
            if (sys(ASTRA_NR_unlinkat, fd, (long)name, 0, 0, 0, 0) < 0)
                remove_tree(fd, name, depth + 1);
            removed++;
        }
        if (removed)
            SYS3(lseek, fd, 0, ASTRA_SEEK_SET); /* entries moved: read again from the start */
    }
    SYS1(close, fd);
    sys(ASTRA_NR_unlinkat, dirfd, (long)dir, ASTRA_AT_REMOVEDIR, 0, 0, 0);
}

/* The names in / when the fuzzer started: anything else there at the end a child made. */
static char root_names[64][64];
static int root_count;

static void list_root(int remove_new)
{
    long fd = SYS3(open, "/", ASTRA_O_RDONLY | ASTRA_O_DIRECTORY, 0);
    long fd_of_root = SYS3(open, "/", ASTRA_O_RDONLY | ASTRA_O_DIRECTORY, 0);
    static char buf[4096];
    char doomed[64][256];
    int ndoomed = 0;
    long n;
    while (fd >= 0 && (n = SYS3(getdents64, fd, buf, sizeof buf)) > 0) {
        for (long off = 0; off < n;) {
            struct astra_dirent64 *d = (struct astra_dirent64 *)(buf + off);
            off += d->d_reclen;
            int known = 0;
            for (int i = 0; i < root_count && !known; i++)
                known = !strcmp(root_names[i], d->d_name);
            if (!remove_new && root_count < 64)
                snprintf(root_names[root_count++], sizeof root_names[0], "%s", d->d_name);
            else if (remove_new && !known && ndoomed < 64)
                snprintf(doomed[ndoomed++], sizeof doomed[0], "%s", d->d_name);
        }
    }
    SYS1(close, fd);
    for (int i = 0; i < ndoomed; i++)
        remove_tree(fd_of_root, doomed[i], 0);
    SYS1(close, fd_of_root);
}

/* Files the children's paths name: a script whose interpreter is itself, one whose
 * interpreter is missing, a directory with a file, a symbolic link. */
static void make_sandbox(void)
{
    SYS2(mkdir, "/fz", 0755);
    SYS2(mkdir, "/fz/d", 0755);
    long fd = SYS3(open, "/fz/a", ASTRA_O_CREAT | ASTRA_O_RDWR, 0644);
    SYS3(write, fd, "hello\n", 6);
    SYS1(close, fd);
    SYS2(symlink, "a", "/fz/l");
    fd = SYS3(open, "/fz-script", ASTRA_O_CREAT | ASTRA_O_TRUNC | ASTRA_O_RDWR, 0755);
    SYS3(write, fd, "#!/fz-script -x\n", 16);
    SYS1(close, fd);
    fd = SYS3(open, "/fz-loop", ASTRA_O_CREAT | ASTRA_O_TRUNC | ASTRA_O_RDWR, 0755);
    SYS3(write, fd, "#! /nonexistent/interpreter arg\n", 32);
    SYS1(close, fd);
}

/* Gives back the file system's memory: the children may have filled it with files. */
static void reset_files(void)
{
    remove_tree(ASTRA_AT_FDCWD, "/fz", 0);
    list_root(1);
    make_sandbox();
}

/* The first process's stack, faulted in now: a child may take every free page, and the
 * kernel ends the process whose fault finds none (which must not be this one). */
static void __attribute__((noinline)) fault_in_stack(void)
{
    volatile char pages[64 * 1024];
    for (size_t i = 0; i < sizeof pages; i += 4096)
        pages[i] = 0;
}

struct child {
    long pid;
    long budget;
    uint64_t last_calls;
    int64_t last_change, killed_at;
};

int main(int argc, char **argv)
{
    if (SYS0(getpid) != 1 || argc < 3) {
        fprintf(stderr, "usage: syscall_fuzz SEED CALLS [PROCESSES [THREADS [PER_PROCESS]]] (as pid 1, on Astra)\n");
        return 2;
    }
    uint64_t seed = strtoull(argv[1], NULL, 0);
    long target = atol(argv[2]);
    int processes = argc > 3 ? atoi(argv[3]) : 3, threads = argc > 4 ? atoi(argv[4]) : 3;
    long per_process = argc > 5 ? atol(argv[5]) : 20000;
    if (processes < 1 || processes > MAX_PROCESSES || threads < 1 || threads > MAX_THREADS || per_process < 1)
        return fprintf(stderr, "syscall_fuzz: 1..%d processes of 1..%d threads\n", MAX_PROCESSES, MAX_THREADS), 2;
    printf("seed %llu: %ld calls, %d processes of %d threads at a time, %ld calls each\n",
           (unsigned long long)seed, target, processes, threads, per_process);
    fflush(stdout);
    first_pid = SYS0(getpid);
    first_pgid = SYS1(getpgid, 0);
    long m = sys(ASTRA_NR_mmap, 0, 4096, ASTRA_PROT_READ | ASTRA_PROT_WRITE, ASTRA_MAP_SHARED | ASTRA_MAP_ANONYMOUS, -1, 0);
    meminfo_fd = SYS3(open, "/proc/meminfo", ASTRA_O_RDONLY, 0);
    long null_fd = SYS3(open, "/dev/null", ASTRA_O_RDWR, 0);
    if (astra_is_err(m) || meminfo_fd < 0 || null_fd < 0)
        return printf("FAIL: setup (%ld, %ld, %ld)\n", m, meminfo_fd, null_fd), 1;
    shared = (struct shared *)m;
    shared->calls[0] = 0;
    fault_in_stack();
    list_root(0);
    make_sandbox();
    check_kernel(0);
    long free_before = memfree_kib();

    struct child kids[MAX_PROCESSES] = { 0 };
    long issued = 0, made = 0, started = 0, reaped = 0, exited = 0, signaled = 0, stalled = 0;
    long by_signal[ASTRA_NSIG + 1] = { 0 };
    int64_t start = now_ns(), last_print = start;
    int draining = 0; /* the kernel is checked with no child running (kill(-1) would hit it) */
    while (!failed) {
        for (int i = 0; i < processes; i++) {
            if (kids[i].pid || issued >= target || draining)
                continue;
            long budget = target - issued < per_process ? target - issued : per_process;
            __atomic_store_n(&shared->calls[i], 0, __ATOMIC_SEQ_CST);
            uint64_t s = seed * 0x100000001b3ULL + (uint64_t)started;
            long pid = SYS0(fork);
            if (pid == 0)
                child_main(i, splitmix(&s), budget, threads, (int)null_fd);
            if (pid < 0) {
                fail("fork of a fuzzing child", pid);
                break;
            }
            started++;
            issued += budget;
            kids[i] = (struct child){ .pid = pid, .budget = budget, .last_change = now_ns() };
        }
        int live = 0;
        for (int i = 0; i < processes; i++)
            live += kids[i].pid != 0;
        if (!live && draining) {
            reset_files();
            check_kernel((unsigned)reaped);
            draining = 0;
            continue;
        }
        if (!live)
            break;
        int status;
        long pid;
        while ((pid = SYS4(wait4, -1, &status, ASTRA_WNOHANG, 0)) > 0) {
            for (int i = 0; i < processes; i++) {
                if (kids[i].pid != pid)
                    continue;
                uint64_t c = __atomic_load_n(&shared->calls[i], __ATOMIC_SEQ_CST);
                long calls = (long)c < kids[i].budget ? (long)c : kids[i].budget;
                made += calls;
                issued -= kids[i].budget - calls; /* what it did not make, another child will */
                if ((status & 0x7f) == 0)
                    exited++;
                else
                    signaled++, by_signal[status & 0x7f]++;
                kids[i].pid = 0;
                if (++reaped % CHECK_EVERY == 0)
                    draining = 1;
            }
        }
        int64_t now = now_ns();
        for (int i = 0; i < processes; i++) {
            if (!kids[i].pid)
                continue;
            uint64_t c = __atomic_load_n(&shared->calls[i], __ATOMIC_SEQ_CST);
            if (c != kids[i].last_calls) {
                kids[i].last_calls = c;
                kids[i].last_change = now;
            } else if (!kids[i].killed_at && now - kids[i].last_change > STALL_NS) {
                SYS2(kill, kids[i].pid, ASTRA_SIGKILL);
                kids[i].killed_at = now;
                stalled++;
            } else if (kids[i].killed_at && now - kids[i].killed_at > UNKILLABLE_NS) {
                fail("a child killed with SIGKILL 30 s ago was never reaped", kids[i].pid);
            }
        }
        if (now - last_print > PROGRESS_NS) {
            long running = 0;
            for (int i = 0; i < processes; i++)
                if (kids[i].pid)
                    running += (long)__atomic_load_n(&shared->calls[i], __ATOMIC_RELAXED);
            printf("progress: %ld calls\n", made + running);
            fflush(stdout);
            last_print = now;
        }
        struct astra_timespec nap = { 0, 5000000 };
        SYS2(nanosleep, &nap, 0);
    }
    double seconds = (double)(now_ns() - start) / 1e9;
    printf("made %ld calls in %.1f s (%.0f calls/s) in %ld processes: %ld exited, %ld killed by a signal "
           "(%ld for making no progress)\n",
           made, seconds, made / (seconds > 0 ? seconds : 1), started, exited, signaled, stalled);
    printf("signals:");
    for (int s = 1; s <= ASTRA_NSIG; s++)
        if (by_signal[s])
            printf(" %d:%ld", s, by_signal[s]);
    printf("\n");
    if (failed)
        return 1;
    /* Orphans a child's clone(CLONE_PARENT) made are ours: they exit at once. */
    int64_t deadline = now_ns() + 10000000000LL;
    long w;
    int status;
    while ((w = SYS4(wait4, -1, &status, ASTRA_WNOHANG, 0)) >= 0 && now_ns() < deadline) {
        struct astra_timespec nap = { 0, 10000000 };
        if (w == 0)
            SYS2(nanosleep, &nap, 0);
    }
    if (w != -ASTRA_ECHILD)
        fail("processes left after every child was reaped", w);
    reset_files();
    check_kernel(1000);
    remove_tree(ASTRA_AT_FDCWD, "/fz", 0);
    list_root(1);
    long free_after = memfree_kib();
    printf("MemFree: %ld KiB before, %ld KiB after\n", free_before, free_after);
    if (free_after < free_before - 4096)
        fail("more than 4 MiB of memory lost", free_before - free_after);
    if (failed)
        return 1;
    printf("kernel alive after %ld calls\n", made);
    return 0;
}
