/* Processes through the C library (tests/programs/posix_proc_probe.c), mostly with bad input:
 * the probe built against glibc and run on the Linux host is the oracle; the probe built
 * against newlib and libastra must print the same on the host and on the Astra kernel, and
 * so must the glibc build on the Astra kernel. Also the kernel's process limit under a fork
 * bomb (tests/programs/fork_bomb.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

static struct run_result on_astra(const char *program, const char *name, char *const extra[])
{
    char *argv[16];
    int n = 0;
    argv[n++] = getenv("ASTRA_RUN");
    argv[n++] = "--argv0";
    argv[n++] = (char *)program;
    for (int i = 0; extra && extra[i]; i++)
        argv[n++] = extra[i];
    argv[n++] = strdup(test_bin(program));
    argv[n++] = (char *)name;
    argv[n] = NULL;
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    return run_program(argv[0], argv, envp, "");
}

static struct run_result on_host(const char *program, const char *name)
{
    char *argv[] = { (char *)program, (char *)name, NULL };
    return run_program(test_bin(program), argv, probe_env, "");
}

static void same_as(struct run_result oracle, struct run_result r, const char *where, const char *name)
{
    cr_assert(r.exited && r.status == 0, "%s %s: %s %d\n%s", where, name, r.exited ? "exit status" : "signal",
              r.status, r.out);
    cr_assert_str_eq(r.out, oracle.out, "%s %s: output differs.\n%s:\n%s\nglibc on Linux:\n%s", where, name, where,
                     r.out, oracle.out);
}

static void same_everywhere(const char *name)
{
    struct run_result oracle = on_host("posix_proc_probe-glibc", name);
    cr_assert(oracle.exited && oracle.status == 0, "glibc %s: status %d\n%s", name, oracle.status, oracle.out);
    same_as(oracle, on_host("posix_proc_probe", name), "newlib on the Linux host", name);
    same_as(oracle, on_astra("posix_proc_probe", name, NULL), "newlib on the Astra kernel", name);
    same_as(oracle, on_astra("posix_proc_probe-glibc", name, NULL), "glibc on the Astra kernel", name);
}

Test(astra_proc_runtime, exec_of_missing_non_elf_truncated_and_unpermitted_files_fails_as_on_linux, .timeout = 180)
{
    same_everywhere("exec");
}

Test(astra_proc_runtime, wait_without_children_or_with_bad_arguments_fails_as_on_linux, .timeout = 180)
{
    same_everywhere("wait");
}

Test(astra_proc_runtime, kill_of_missing_pids_bad_signals_and_signal_numbers_match_linux, .timeout = 180)
{
    same_everywhere("kill");
}

Test(astra_proc_runtime, pipes_without_readers_and_bad_descriptors_match_linux, .timeout = 180)
{
    same_everywhere("pipe");
}

Test(astra_proc_runtime, sys_spawn_process_with_file_actions_matches_glibc_posix_spawn, .timeout = 180)
{
    same_everywhere("spawn");
}

Test(astra_proc_runtime, signal_sigaction_sigprocmask_and_raise_reach_the_kernel_as_with_glibc, .timeout = 180)
{
    same_everywhere("signals");
}

Test(astra_proc_runtime, resource_limit_calls_with_bad_input_fail_as_on_linux, .timeout = 180)
{
    same_everywhere("limits");
}

Test(astra_proc_runtime, madvise_wipeonfork_gives_a_forked_child_zeroed_pages_as_on_linux, .timeout = 180)
{
    same_everywhere("wipeonfork");
}

/* libastra copies through checked pointers with process_vm_readv/writev of its own pid: a
 * forked child must not use its parent's. */
Test(astra_proc_runtime, libastra_copies_in_a_forked_child_use_the_childs_memory, .timeout = 180)
{
    same_everywhere("fork_copy");
}

/* Every process forks until fork fails: the process table fills (EAGAIN) or memory runs out
 * (ENOMEM), the kernel lives on, the whole tree can be collected, a program runs afterwards,
 * and a second tree costs no more memory than the first. */
static void fork_bomb(char *const extra[], int want_eagain)
{
    struct run_result r = on_astra("fork_bomb", "", extra);
    cr_assert(!(r.exited && r.status == 124), "astra-run timed out (a very busy host?):\n%s", r.out);
    cr_assert(r.exited && r.status == 0, "status %d:\n%s", r.status, r.out);
    const char *at = r.out;
    for (int round = 1; round <= 2; round++) {
        int n = -1;
        long processes = -1, eagain = -1, enomem = -1, other = -1;
        at = strstr(at, "round ");
        cr_assert(at && sscanf(at, "round %d: the tree grew to %ld processes; failed forks: EAGAIN %ld, ENOMEM %ld, "
                                   "other %ld", &n, &processes, &eagain, &enomem, &other) == 5 && n == round,
                  "%s", r.out);
        cr_assert_eq(other, 0, "%s", r.out);
        cr_assert_eq(eagain + enomem, processes, "every process ends its loop on one failed fork:\n%s", r.out);
        if (want_eagain)
            cr_assert(processes == 1024 && eagain == processes, "the table of 1024 processes fills:\n%s", r.out);
        else
            cr_assert(enomem > 0, "memory runs out first:\n%s", r.out);
        at = strchr(at, '\n');
        char collected[64];
        snprintf(collected, sizeof collected, "round %d: collected every process of the tree (ECHILD)\n", round);
        cr_assert(at && !strncmp(at + 1, collected, strlen(collected)), "%s", r.out);
        at += 1 + strlen(collected);
    }
    cr_assert(strstr(at, "hello from a program started after the bomb\nthen a program ran and exited with 0\n"), "%s",
              r.out);
    long first = -1, second = -1;
    const char *mem = strstr(at, "free memory after the first tree");
    cr_assert(mem && sscanf(mem, "free memory after the first tree %ld KiB, after the second %ld KiB", &first,
                            &second) == 2, "%s", r.out);
    cr_assert(second >= first - 256, "the second tree kept %ld KiB more:\n%s", first - second, r.out);
}

/* Two trees of 1024 processes take a few seconds, but minutes on a host busy with other QEMUs:
 * astra-run's own limit (120 s) is raised. */
Test(astra_proc_runtime, a_fork_bomb_fills_the_process_table_and_the_kernel_lives_on, .timeout = 300)
{
    char *extra[] = { "--timeout", "280", NULL };
    fork_bomb(extra, 1);
}

Test(astra_proc_runtime, a_fork_bomb_in_little_memory_gets_enomem_and_the_kernel_lives_on, .timeout = 300)
{
    char *extra[] = { "--timeout", "280", "--memory", "48M", NULL };
    fork_bomb(extra, 0);
}
