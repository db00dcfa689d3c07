#define _GNU_SOURCE
#include "run.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct run_result run_program(const char *path, char *const argv[], char *const envp[],
                              const char *stdin_data)
{
    int in[2], out[2];
    cr_assert(pipe2(in, O_CLOEXEC) == 0 && pipe2(out, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    /* Every program starts from the default process state whatever the caller's (a harness
     * under nohup ignores SIGHUP; this process ignores SIGPIPE once it has written stdin):
     * default dispositions and an empty signal mask, as on the other side of a comparison. */
    posix_spawnattr_t attr;
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    char *const empty_env[] = { NULL };
    pid_t pid;
    /* And Linux's default file-creation mask (the Astra kernel's first one), whatever the
     * caller's: a program that creates files sees the same modes on both sides. */
    mode_t caller_umask = umask(022);
    int err = posix_spawn(&pid, path, &fa, &attr, argv, envp ? envp : empty_env);
    umask(caller_umask);
    cr_assert(err == 0, "cannot start %s: %s", path, strerror(err));
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(in[0]);
    close(out[1]);
    if (stdin_data) {
        signal(SIGPIPE, SIG_IGN);
        ssize_t w = write(in[1], stdin_data, strlen(stdin_data));
        (void)w;
    }
    close(in[1]);

    struct run_result r = { 0 };
    size_t cap = 4096;
    r.out = malloc(cap);
    for (;;) {
        if (r.out_len + 1 >= cap)
            r.out = realloc(r.out, cap *= 2);
        ssize_t n = read(out[0], r.out + r.out_len, cap - r.out_len - 1);
        if (n <= 0)
            break;
        r.out_len += (size_t)n;
    }
    r.out[r.out_len] = 0;
    close(out[0]);
    int st;
    cr_assert(waitpid(pid, &st, 0) == pid);
    r.exited = WIFEXITED(st);
    r.status = r.exited ? WEXITSTATUS(st) : WTERMSIG(st);
    return r;
}

const char *test_bin(const char *name)
{
    static char path[4096];
    const char *dir = getenv("ASTRA_TEST_BIN_DIR");
    cr_assert(dir, "ASTRA_TEST_BIN_DIR is not set (run the tests through meson test)");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}
