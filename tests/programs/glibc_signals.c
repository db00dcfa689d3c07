/* A static glibc program (not Astra's runtime) using signals the way C programs do: signal,
 * raise, sigaction with SA_SIGINFO, siglongjmp out of a SIGSEGV handler, SIGCHLD with
 * waitpid, fork and execl, sigprocmask, sigsuspend, sigaltstack, abort. Its output and status
 * must be the same on Linux and on the Astra kernel (tests/kernel/proc_test.c). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile sig_atomic_t got, children;
static char altstack[65536];
static volatile int on_alt;

static void on_usr1(int sig) { got = sig; }

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("SIGSEGV %d at %p, code %d\n", sig, si->si_addr, si->si_code);
    siglongjmp(env, 1);
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    children++;
    printf("SIGCHLD %d: status %d, code %d\n", sig, si->si_status, si->si_code);
}

static void on_usr2(int sig)
{
    char here;
    (void)sig;
    on_alt = &here >= altstack && &here < altstack + sizeof altstack;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1) {
        printf("the exec'd child runs: %s\n", argv[1]);
        return 7;
    }
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    printf("raise: handler saw %d\n", got);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    volatile int *volatile bad = (int *)8;
    if (!sigsetjmp(env, 1))
        *bad = 1;
    printf("back from the handler through siglongjmp\n");

    sa.sa_sigaction = on_chld;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);
    pid_t p = fork();
    if (p == 0)
        _exit(5);
    while (!children)
        sigsuspend(&old);
    int st;
    waitpid(p, &st, 0);
    printf("waitpid: exit status %d\n", WEXITSTATUS(st));
    sigprocmask(SIG_SETMASK, &old, NULL);

    p = fork();
    if (p == 0) {
        execl("/proc/self/exe", "again", "hello", (char *)0);
        _exit(9);
    }
    while (waitpid(p, &st, 0) < 0)
        ;
    printf("exec'd child: exit status %d\n", WEXITSTATUS(st));

    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    got = 0;
    kill(getpid(), SIGUSR1);
    printf("blocked: handler saw %d\n", got);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    printf("unblocked: handler saw %d\n", got);

    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("SA_ONSTACK handler on the alternate stack: %s\n", on_alt ? "yes" : "no");

    printf("abort\n");
    abort();
}
