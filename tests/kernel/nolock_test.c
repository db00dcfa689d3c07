/* The system calls the kernel answers without its big kernel lock ([nolock] in
 * syscalls/syscalls.tbl), from threads on two CPUs, on the Astra kernel (QEMU, through
 * astra-run, two CPUs) against Linux: each case of tests/programs/nolock_probe.c (glibc,
 * static) must print the same on both. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

static struct run_result on_astra(char *const args[])
{
    char *argv[8] = { getenv("ASTRA_RUN"), "--smp", "2", "--argv0", "nolock_probe", strdup(test_bin("nolock_probe")) };
    for (int i = 0; args[i] && i < 2; i++)
        argv[6 + i] = args[i];
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    return run_program(argv[0], argv, envp, "");
}

static struct run_result on_host(char *const args[])
{
    char *argv[4] = { "nolock_probe" };
    for (int i = 0; args[i] && i < 2; i++)
        argv[1 + i] = args[i];
    return run_program(test_bin("nolock_probe"), argv, probe_env, "");
}

static void same_on_both(char *case_name, char *arg)
{
    char *args[] = { case_name, arg, NULL };
    struct run_result host = on_host(args), astra = on_astra(args);
    cr_assert(host.exited && host.status == 0, "nolock_probe %s failed on Linux:\n%s", case_name, host.out);
    cr_assert(astra.exited, "astra-run killed by signal %d", astra.status);
    cr_expect_eq(astra.status, 0, "nolock_probe %s: exit status %d on Astra", case_name, astra.status);
    cr_assert_str_eq(astra.out, host.out, "nolock_probe %s: output differs.\nAstra:\n%s\nLinux:\n%s", case_name,
                     astra.out, host.out);
}

Test(astra_nolock, ids_from_two_cpus_match_linux, .timeout = 300) { same_on_both("ids", "100000"); }
Test(astra_nolock, signals_to_threads_calling_getpid_are_not_lost, .timeout = 300) { same_on_both("signals", "200"); }
Test(astra_nolock, threads_calling_getpid_exit_stop_and_continue_with_their_process, .timeout = 300)
{
    same_on_both("exit", NULL);
}
Test(astra_nolock, getpid_is_not_held_up_by_a_long_call_on_the_other_cpu, .timeout = 300)
{
    same_on_both("overlap", NULL);
}
