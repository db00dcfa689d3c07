/* Terminal ioctls on other descriptors, and job control (stop, continue, wait's reports,
 * SIGCHLD), on the Astra kernel (QEMU, through astra-run) against Linux: the cases of
 * tests/programs/tty_probe.c must print the same and end with the same status. The terminal
 * itself is driven by tests/kernel/shell_test.py. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

static void same_on_both(const char *name)
{
    char *host_argv[] = { "tty_probe", (char *)name, NULL };
    struct run_result host = run_program(test_bin("tty_probe"), host_argv, probe_env, "");
    char *astra_argv[] = { getenv("ASTRA_RUN"), "--argv0", "tty_probe", strdup(test_bin("tty_probe")), (char *)name,
                           NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    struct run_result astra = run_program(astra_argv[0], astra_argv, envp, "");
    cr_assert(host.exited && host.status == 0, "tty_probe %s on Linux: status %d\n%s", name, host.status, host.out);
    cr_assert(astra.exited && astra.status == 0, "tty_probe %s on Astra: status %d\n%s", name, astra.status, astra.out);
    cr_assert_str_eq(astra.out, host.out, "tty_probe %s: output differs.\nAstra:\n%s\nLinux:\n%s", name, astra.out,
                     host.out);
}

Test(astra_tty, terminal_ioctls_on_pipes_files_and_bad_descriptors_match_linux, .timeout = 120)
{
    same_on_both("not_terminals");
}

Test(astra_tty, stop_continue_wait_reports_and_sigchld_match_linux, .timeout = 180)
{
    same_on_both("job_control");
}
