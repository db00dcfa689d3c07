/* epoll on the Astra kernel (QEMU, through astra-run) against Linux: each case of
 * tests/programs/epoll_probe.c (glibc, static) must print the same on both. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

static struct run_result on_astra(const char *name)
{
    char *argv[] = { getenv("ASTRA_RUN"), "--argv0", "epoll_probe", strdup(test_bin("epoll_probe")), (char *)name,
                     NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    return run_program(argv[0], argv, envp, "");
}

static struct run_result on_host(const char *name)
{
    char *argv[] = { "epoll_probe", (char *)name, NULL };
    return run_program(test_bin("epoll_probe"), argv, probe_env, "");
}

static void same_on_both(const char *name)
{
    struct run_result host = on_host(name), astra = on_astra(name);
    cr_assert(host.exited && host.status == 0, "epoll_probe %s failed on Linux", name);
    cr_assert(astra.exited, "astra-run killed by signal %d", astra.status);
    cr_expect_eq(astra.status, 0, "epoll_probe %s: exit status %d on Astra", name, astra.status);
    cr_assert_str_eq(astra.out, host.out, "epoll_probe %s: output differs.\nAstra:\n%s\nLinux:\n%s", name, astra.out,
                     host.out);
}

Test(astra_epoll, pipes_eventfds_level_edge_oneshot_and_close_match_linux, .timeout = 200) { same_on_both("pipes"); }
Test(astra_epoll, errors_match_linux, .timeout = 200) { same_on_both("errors"); }
Test(astra_epoll, nested_sets_match_linux, .timeout = 200) { same_on_both("nested"); }
Test(astra_epoll, a_wait_woken_by_another_thread_matches_linux, .timeout = 200) { same_on_both("threads"); }
Test(astra_epoll, loopback_tcp_accept_and_data_match_linux, .timeout = 200) { same_on_both("sockets"); }
