/* posix_spawn + waitpid of exit_now (bench/programs/exit_now.c) with glibc's posix_spawn,
 * built static against glibc so that the same binary runs on every kernel kernel_bench.c
 * measures; kernel_bench starts it and it prints its row in the same format. argv[1] is
 * the directory that holds exit_now. */
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

int main(int argc, char **argv)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/exit_now", argc > 1 ? argv[1] : ".");
    char *child_argv[] = { "exit_now", NULL };
    const long n = 300;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++) {
        pid_t pid;
        int st;
        if (posix_spawn(&pid, path, NULL, NULL, child_argv, environ) || waitpid(pid, &st, 0) != pid || st) {
            printf("posix_spawn_wait failed\n");
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec);
    printf("posix_spawn_wait %.3f us\n", ns / (double)n / 1000.0);
    return 0;
}
