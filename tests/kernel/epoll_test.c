/* epoll and smaller Linux calls on the Astra kernel (QEMU, through astra-run) against Linux:
 * each case of tests/programs/epoll_probe.c and linux_calls_probe.c (glibc, static) must
 * print the same on both. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

static struct run_result on_astra(const char *program, const char *name)
{
    char *argv[] = { getenv("ASTRA_RUN"), "--argv0", (char *)program, strdup(test_bin(program)), (char *)name,
                     NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    return run_program(argv[0], argv, envp, "");
}

static struct run_result on_host(const char *program, const char *name)
{
    char *argv[] = { (char *)program, (char *)name, NULL };
    return run_program(test_bin(program), argv, probe_env, "");
}

static void program_same_on_both(const char *program, const char *name)
{
    struct run_result host = on_host(program, name), astra = on_astra(program, name);
    cr_assert(host.exited && host.status == 0, "%s %s failed on Linux", program, name);
    cr_assert(astra.exited, "astra-run killed by signal %d", astra.status);
    cr_expect_eq(astra.status, 0, "%s %s: exit status %d on Astra", program, name, astra.status);
    cr_assert_str_eq(astra.out, host.out, "%s %s: output differs.\nAstra:\n%s\nLinux:\n%s", program, name, astra.out,
                     host.out);
}

static void same_on_both(const char *name) { program_same_on_both("epoll_probe", name); }

Test(astra_epoll, pipes_eventfds_level_edge_oneshot_and_close_match_linux, .timeout = 200) { same_on_both("pipes"); }
Test(astra_epoll, errors_match_linux, .timeout = 200) { same_on_both("errors"); }
Test(astra_epoll, nested_sets_match_linux, .timeout = 200) { same_on_both("nested"); }
Test(astra_epoll, a_wait_woken_by_another_thread_matches_linux, .timeout = 200) { same_on_both("threads"); }
Test(astra_epoll, loopback_tcp_accept_and_data_match_linux, .timeout = 200) { same_on_both("sockets"); }

Test(astra_linux_calls, tkill_matches_linux, .timeout = 200) { program_same_on_both("linux_calls_probe", "tkill"); }
Test(astra_linux_calls, time_matches_linux, .timeout = 200) { program_same_on_both("linux_calls_probe", "time"); }
Test(astra_linux_calls, clone_with_clone_detached_makes_a_thread, .timeout = 200)
{
    program_same_on_both("linux_calls_probe", "clone");
}
Test(astra_linux_calls, a_robust_mutex_whose_owner_ended_gives_eownerdead, .timeout = 200)
{
    program_same_on_both("linux_calls_probe", "robust");
}
Test(astra_linux_calls, identity_calls_match_linux, .timeout = 200) { program_same_on_both("linux_calls_probe", "identity"); }
Test(astra_linux_calls, socketpair_sendmsg_recvmsg_match_linux, .timeout = 200)
{
    program_same_on_both("linux_calls_probe", "socketpair");
}
