/* Pipes, processes and signals on the Astra kernel (QEMU, through astra-run) against Linux:
 * tests/programs/proc_probe.c's cases must print the same and end with the same status. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

/* Runs proc_probe <name> on Astra; extra (NULL-terminated) are astra-run options placed
 * before the program, such as "--file", "HOST:GUEST". stderr is merged when merge is set. */
static struct run_result probe_on_astra(const char *name, char *const extra[], int merge)
{
    char *argv[32];
    int n = 0;
    if (merge) {
        argv[n++] = "/bin/sh";
        argv[n++] = "-c";
        argv[n++] = "exec \"$0\" \"$@\" 2>&1";
    }
    argv[n++] = getenv("ASTRA_RUN");
    argv[n++] = "--argv0";
    argv[n++] = "proc_probe";
    for (int i = 0; extra && extra[i]; i++)
        argv[n++] = extra[i];
    argv[n++] = strdup(test_bin("proc_probe"));
    argv[n++] = (char *)name;
    argv[n] = NULL;
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    return run_program(argv[0], argv, envp, "");
}

static struct run_result probe_on_host(const char *name)
{
    char *argv[] = { "proc_probe", (char *)name, NULL };
    return run_program(test_bin("proc_probe"), argv, probe_env, "");
}

/* The case prints the same on both and ends the same way: a process Linux kills with signal
 * s ends on Astra with status 128 + s, as a shell shows it. */
static void same_on_both(const char *name, char *const extra[])
{
    struct run_result host = probe_on_host(name);
    struct run_result astra = probe_on_astra(name, extra, 0);
    cr_assert(astra.exited, "astra-run killed by signal %d", astra.status);
    int expected = host.exited ? host.status : 128 + host.status;
    cr_expect_eq(astra.status, expected, "%s: exit status %d on Astra, %d on Linux", name, astra.status, expected);
    cr_assert_str_eq(astra.out, host.out, "%s: output differs.\nAstra:\n%s\nLinux:\n%s", name, astra.out, host.out);
}

Test(astra_proc, pipes_and_descriptors_match_linux, .timeout = 120)
{
    same_on_both("pipes", NULL);
}

Test(astra_proc, blocking_pipe_reads_writes_and_polls_wait_like_linux, .timeout = 120)
{
    same_on_both("pipe_blocking", NULL);
}

Test(astra_proc, a_write_without_readers_ends_the_writer_by_sigpipe, .timeout = 120)
{
    same_on_both("sigpipe", NULL);
}
