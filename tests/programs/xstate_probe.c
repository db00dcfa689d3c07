/* AVX state against Linux (tests/kernel/xstate_test.py): ymm0..15 hold each thread's and a
 * forked child's own values across yields and preemption; a signal handler sees the
 * interrupted ymm registers in the ucontext's XSAVE image and changes some of them for
 * sigreturn; a handler using AVX itself leaves the interrupted code's registers alone; execve
 * starts a program with the initial MXCSR and x87 control word. Static glibc, -no-pie. */
#define _GNU_SOURCE
#include <cpuid.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define ROUNDS 60
#define YIELDS 3
#define SPIN 20000

struct ymm16 { uint64_t q[64]; } __attribute__((aligned(32)));

#define LOAD(n) "vmovdqa " #n "*32(%[in]), %%ymm" #n "\n"
#define STORE(n) "vmovdqa %%ymm" #n ", " #n "*32(%[out])\n"
#define ALL(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)
#define YMM_CLOBBERS "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", \
    "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"

static void fill(struct ymm16 *y, uint64_t seed)
{
    for (int i = 0; i < 64; i++)
        y->q[i] = seed * 0x9e3779b97f4a7c15ULL + (uint64_t)i * 0x100000001ULL;
}

/* Loads in into ymm0..15, yields `yields` times spinning between, stores them into out. */
static void hold_across_yields(const struct ymm16 *in, struct ymm16 *out, int yields, int spin)
{
    __asm__ volatile(ALL(LOAD)
                     "mov %[yields], %%r8d\n"
                     "1: mov $24, %%eax\n" /* sched_yield */
                     "syscall\n"
                     "mov %[spin], %%r9d\n"
                     "2: dec %%r9d\n"
                     "jnz 2b\n"
                     "dec %%r8d\n"
                     "jnz 1b\n"
                     ALL(STORE)
                     "vzeroupper\n"
                     :
                     : [in] "r"(in), [out] "r"(out), [yields] "r"(yields), [spin] "r"(spin)
                     : "rax", "rcx", "r11", "r8", "r9", "memory", YMM_CLOBBERS);
}

/* Loads in into ymm0..15, sends itself sig, stores the registers into out. */
static void hold_across_signal(const struct ymm16 *in, struct ymm16 *out, int sig)
{
    int pid = getpid();
    __asm__ volatile(ALL(LOAD)
                     "mov $62, %%eax\n" /* kill */
                     "mov %[pid], %%edi\n"
                     "mov %[sig], %%esi\n"
                     "syscall\n"
                     ALL(STORE)
                     "vzeroupper\n"
                     :
                     : [in] "r"(in), [out] "r"(out), [pid] "r"(pid), [sig] "r"(sig)
                     : "rax", "rcx", "r11", "rdi", "rsi", "memory", YMM_CLOBBERS);
}

static int rounds(uint64_t seed)
{
    int bad = 0;
    for (int r = 0; r < ROUNDS; r++) {
        struct ymm16 in, out;
        fill(&in, seed * 1000 + (uint64_t)r);
        hold_across_yields(&in, &out, YIELDS, SPIN);
        bad += memcmp(&in, &out, sizeof in) != 0;
    }
    return bad;
}

static void *worker(void *arg)
{
    return (void *)(intptr_t)rounds((uint64_t)(intptr_t)arg);
}

static int has_avx(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX))
        return 0;
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 6) == 6;
}

static uint32_t get_mxcsr(void)
{
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}

static void set_mxcsr(uint32_t m) { __asm__ volatile("ldmxcsr %0" ::"m"(m)); }

static uint16_t get_fcw(void)
{
    uint16_t w;
    __asm__ volatile("fnstcw %0" : "=m"(w));
    return w;
}

/* What the handlers saw, printed by main after they returned. */
static struct {
    int xstate_flag, aligned, magic1, magic2, has_avx_feature, xmm_seen, ymm_seen;
    uint32_t mxcsr;
    int clean_ymm;
} seen;
static struct ymm16 sig_in;

static void editing_handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)si;
    ucontext_t *uc = ctx;
    unsigned char *fp = (unsigned char *)uc->uc_mcontext.fpregs;
    seen.xstate_flag = uc->uc_flags & 1;
    seen.aligned = (uintptr_t)fp % 64 == 0;
    uint32_t magic1, xstate_size, magic2;
    uint64_t xfeatures;
    memcpy(&magic1, fp + 464, 4);
    memcpy(&xfeatures, fp + 472, 8);
    memcpy(&xstate_size, fp + 480, 4);
    seen.magic1 = magic1 == 0x46505853;
    if (!seen.magic1)
        return;
    memcpy(&magic2, fp + xstate_size, 4);
    seen.magic2 = magic2 == 0x46505845;
    seen.has_avx_feature = (xfeatures & 7) == 7;
    seen.xmm_seen = seen.ymm_seen = 1;
    for (int i = 0; i < 16; i++) {
        seen.xmm_seen &= !memcmp(fp + 160 + 16 * i, &sig_in.q[4 * i], 16);
        seen.ymm_seen &= !memcmp(fp + 576 + 16 * i, &sig_in.q[4 * i + 2], 16);
    }
    memset(fp + 160 + 16 * 3, 0x33, 16); /* xmm3 */
    memset(fp + 576 + 16 * 5, 0x55, 16); /* ymm5's upper half */
}

static void avx_handler(int sig)
{
    (void)sig;
    struct ymm16 at_entry;
    __asm__ volatile(ALL(STORE) "vzeroupper" : : [out] "r"(&at_entry) : "memory");
    seen.mxcsr = get_mxcsr();
    seen.clean_ymm = 1;
    for (int i = 0; i < 64; i++)
        seen.clean_ymm &= at_entry.q[i] == 0;
    struct ymm16 mine, back;
    memset(&mine, 0xa5, sizeof mine);
    hold_across_yields(&mine, &back, 2, 1000);
}

/* Breaks the frame's XSAVE header (a feature bit no CPU enables) or MXCSR (a reserved bit):
 * sigreturn must end the process with SIGSEGV, as on Linux. */
static int corruption;
static void corrupting_handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)si;
    unsigned char *fp = (unsigned char *)((ucontext_t *)ctx)->uc_mcontext.fpregs;
    if (corruption == 0)
        fp[512 + 7] |= 0x40; /* XSTATE_BV bit 62 */
    else if (corruption == 1)
        fp[512 + 8] = 1; /* XCOMP_BV */
    else
        fp[24 + 3] |= 0x80; /* MXCSR bit 31 */
}

static void corrupted_frames(void)
{
    static const char *what[] = { "a reserved XSTATE_BV bit", "a nonzero XCOMP_BV", "a reserved MXCSR bit" };
    for (corruption = 0; corruption < 3; corruption++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            struct sigaction sa = { 0 };
            sa.sa_sigaction = corrupting_handler;
            sa.sa_flags = SA_SIGINFO;
            sigaction(SIGUSR1, &sa, 0);
            struct ymm16 in, out;
            fill(&in, 5);
            hold_across_signal(&in, &out, SIGUSR1);
            printf("sigreturn with %s returned\n", what[corruption]);
            fflush(stdout);
            _exit(0);
        }
        int status;
        waitpid(pid, &status, 0);
        printf("sigreturn with %s: %s %d\n", what[corruption], WIFSIGNALED(status) ? "killed by signal" : "exit",
               WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    }
}

static void signals(void)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = editing_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, 0);
    struct ymm16 out, expected;
    fill(&sig_in, 77);
    hold_across_signal(&sig_in, &out, SIGUSR1);
    expected = sig_in;
    memset(&expected.q[4 * 3], 0x33, 16);
    memset(&expected.q[4 * 5 + 2], 0x55, 16);
    printf("handler: UC_FP_XSTATE %d, fpstate 64-aligned %d, magic1 %d, magic2 %d, x87|SSE|AVX %d\n",
           seen.xstate_flag, seen.aligned, seen.magic1, seen.magic2, seen.has_avx_feature);
    printf("handler saw the interrupted xmm %d, ymm upper halves %d\n", seen.xmm_seen, seen.ymm_seen);
    printf("after sigreturn: registers as the handler left them %d\n", !memcmp(&out, &expected, sizeof out));
    int changed = 0;
    for (int i = 0; i < 64; i++)
        changed += out.q[i] != sig_in.q[i];
    printf("quadwords changed by the handler: %d\n", changed);

    signal(SIGUSR2, avx_handler);
    fill(&sig_in, 78);
    set_mxcsr(0x7f80); /* round toward zero, flush to zero */
    hold_across_signal(&sig_in, &out, SIGUSR2);
    uint32_t after = get_mxcsr();
    set_mxcsr(0x1f80);
    printf("AVX handler: started with clean ymm %d, MXCSR 0x%x\n", seen.clean_ymm, seen.mxcsr);
    printf("after the AVX handler: registers intact %d, MXCSR 0x%x\n", !memcmp(&out, &sig_in, sizeof out), after);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "after-exec")) {
        printf("after execve: MXCSR 0x%x, x87 control word 0x%x\n", get_mxcsr(), get_fcw());
        return 0;
    }
    if (!has_avx()) {
        printf("no AVX\n");
        return 1;
    }
    printf("AVX enabled\n");
    fflush(stdout);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], 0, worker, (void *)(intptr_t)(i + 1));
    pid_t child = fork();
    if (child == 0) {
        printf("forked child: %d bad rounds of %d\n", rounds(3), ROUNDS);
        fflush(stdout);
        _exit(0);
    }
    int main_bad = rounds(4);
    int status;
    waitpid(child, &status, 0);
    for (int i = 0; i < 2; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("thread %d: %d bad rounds of %d\n", i + 1, (int)(intptr_t)r, ROUNDS);
    }
    printf("main thread: %d bad rounds of %d\n", main_bad, ROUNDS);

    signals();
    corrupted_frames();

    fflush(stdout);
    set_mxcsr(0x7f80);
    uint16_t fcw = 0x27f;
    __asm__ volatile("fldcw %0" ::"m"(fcw));
    char *args[] = { argv[0], "after-exec", 0 };
    execv("/proc/self/exe", args);
    perror("execv");
    return 1;
}
