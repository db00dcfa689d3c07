/* Pipes, processes and signals on the Astra kernel (QEMU, through astra-run) against Linux:
 * tests/programs/proc_probe.c's cases must print the same and end with the same status. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../support/run.h"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

/* Runs program <name> on Astra; extra (NULL-terminated) are astra-run options placed before
 * the program, such as "--file", "HOST:GUEST". stderr is merged when merge is set. */
static struct run_result run_on_astra(const char *program, const char *name, char *const extra[], int merge)
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
    argv[n++] = (char *)program;
    for (int i = 0; extra && extra[i]; i++)
        argv[n++] = extra[i];
    argv[n++] = strdup(test_bin(program));
    if (name)
        argv[n++] = (char *)name;
    argv[n] = NULL;
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    return run_program(argv[0], argv, envp, "");
}

/* For the cases that take 10-30 s on a quiet host: a busy host can make them several times
 * slower than astra-run's default 120 s allow (the criterion timeout is 300 s). */
static char *const slow_case[] = { "--timeout", "280", NULL };

static struct run_result probe_on_astra(const char *name, char *const extra[], int merge)
{
    return run_on_astra("proc_probe", name, extra, merge);
}

static struct run_result run_on_host(const char *program, const char *name)
{
    char *argv[] = { (char *)program, (char *)name, NULL };
    return run_program(test_bin(program), argv, probe_env, "");
}

/* The program (with the case as its argument) prints the same on both and ends the same
 * way: a process Linux kills with signal s ends on Astra with status 128 + s, as a shell
 * shows it. */
static void program_same_on_both(const char *program, const char *name, char *const extra[])
{
    struct run_result host = run_on_host(program, name);
    struct run_result astra = run_on_astra(program, name, extra, 0);
    cr_assert(astra.exited, "astra-run killed by signal %d", astra.status);
    int expected = host.exited ? host.status : 128 + host.status;
    cr_expect_eq(astra.status, expected, "%s %s: exit status %d on Astra, %d on Linux", program, name, astra.status,
                 expected);
    cr_assert_str_eq(astra.out, host.out, "%s %s: output differs.\nAstra:\n%s\nLinux:\n%s", program, name, astra.out,
                     host.out);
}

static void same_on_both(const char *name, char *const extra[])
{
    program_same_on_both("proc_probe", name, extra);
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

Test(astra_proc, fork_wait_zombies_orphans_and_groups_match_linux, .timeout = 120)
{
    same_on_both("processes", NULL);
}

Test(astra_proc, signals_between_processes_exit_group_and_vfork_match_linux, .timeout = 120)
{
    same_on_both("signals", NULL);
}

Test(astra_proc, ten_thousand_fork_exit_wait_cycles_keep_free_memory_flat, .timeout = 300)
{
    struct run_result r = probe_on_astra("fork_cycles", slow_case, 0);
    cr_assert(r.exited && r.status == 0, "status %d:\n%s", r.status, r.out);
    int failures = -1;
    long drop = -1;
    cr_assert_eq(sscanf(r.out, "failures=%d memfree_drop_kib=%ld", &failures, &drop), 2, "%s", r.out);
    cr_assert_eq(failures, 0, "%s", r.out);
    cr_assert(drop >= -64 && drop <= 64, "free memory dropped by %ld KiB:\n%s", drop, r.out);
}

Test(astra_proc, fork_beyond_the_process_limit_gives_eagain_and_the_kernel_lives_on, .timeout = 300)
{
    struct run_result r = probe_on_astra("fork_limit", slow_case, 0);
    cr_assert(r.exited && r.status == 0, "status %d:\n%s", r.status, r.out);
    cr_assert_str_eq(r.out, "forked 1023 children, then EAGAIN\n"
                            "all were collected\n"
                            "fork after they ended                        exited with 3\n");
}

Test(astra_proc, fork_without_memory_gives_enomem_and_works_once_memory_is_back, .timeout = 300)
{
    char *extra[] = { "--memory", "64M", NULL };
    struct run_result r = probe_on_astra("fork_without_memory", extra, 0);
    cr_assert(r.exited && r.status == 0, "status %d:\n%s", r.status, r.out);
    cr_assert_str_eq(r.out, "filling memory with a file\n"
                            "fork with memory full: ENOMEM, vfork: ENOMEM\n"
                            "fork after freeing the file                  exited with 0\n");
}

Test(astra_proc, execve_scripts_limits_and_errors_match_linux, .timeout = 120)
{
    same_on_both("exec", NULL);
}

Test(astra_proc, signal_handlers_frames_restarts_and_altstacks_match_linux, .timeout = 120)
{
    same_on_both("handlers", NULL);
}

Test(astra_proc, a_static_glibc_program_with_handlers_fork_and_exec_matches_linux, .timeout = 120)
{
    program_same_on_both("glibc_signals", NULL, NULL);
}

Test(astra_proc, the_first_process_ending_ends_the_machine_with_its_status, .timeout = 120)
{
    same_on_both("killed_by_child", NULL);
    struct run_result r = probe_on_astra("exit_with_children", NULL, 0);
    cr_assert(r.exited && r.status == 3, "status %d:\n%s", r.status, r.out);
    cr_assert_str_eq(r.out, "leaving a child behind\n");
}

/* Debian's static busybox (package busybox-static), as a shell: the test is skipped without it. */
Test(astra_proc, a_shell_script_under_static_busybox_matches_linux, .timeout = 120)
{
    const char *busybox = "/bin/busybox";
    if (access(busybox, X_OK))
        cr_skip_test("%s (Debian's busybox-static) is not installed", busybox);
    static char script[4200], file[4300];
    snprintf(script, sizeof script, "%s/programs/shell_script.sh", getenv("ASTRA_TEST_SOURCE_DIR"));
    snprintf(file, sizeof file, "%s:shell_script.sh", script);
    char *host_argv[] = { "sh", script, NULL };
    struct run_result host = run_program(busybox, host_argv, probe_env, "");
    char *astra_argv[] = { getenv("ASTRA_RUN"), "--file", file, "--argv0", "sh", (char *)busybox, "/shell_script.sh", NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    struct run_result astra = run_program(astra_argv[0], astra_argv, envp, "");
    cr_assert(host.exited && host.status == 5, "busybox sh on Linux: status %d", host.status);
    cr_assert(astra.exited && astra.status == 5, "status %d on Astra:\n%s", astra.status, astra.out);
    cr_assert_str_eq(astra.out, host.out, "output differs.\nAstra:\n%s\nLinux:\n%s", astra.out, host.out);
}
