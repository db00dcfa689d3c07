/* Unix-domain socket pairs on the Astra kernel (QEMU, through astra-run) against Linux: each
 * case of tests/programs/unix_socket_probe.c (glibc, static) must print the same on both. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

static void same_on_both(const char *name)
{
    char *argv[] = { getenv("ASTRA_RUN"), "--argv0", "unix_socket_probe", strdup(test_bin("unix_socket_probe")),
                     (char *)name, NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    struct run_result astra = run_program(argv[0], argv, envp, "");
    char *host_argv[] = { "unix_socket_probe", (char *)name, NULL };
    struct run_result host = run_program(test_bin("unix_socket_probe"), host_argv, probe_env, "");
    cr_assert(host.exited && host.status == 0, "unix_socket_probe %s failed on Linux", name);
    cr_assert(astra.exited, "astra-run killed by signal %d", astra.status);
    cr_expect_eq(astra.status, 0, "unix_socket_probe %s: exit status %d on Astra", name, astra.status);
    cr_assert_str_eq(astra.out, host.out, "unix_socket_probe %s: output differs.\nAstra:\n%s\nLinux:\n%s", name,
                     astra.out, host.out);
}

Test(astra_unix_socket, socketpair_types_and_getsockopt_identity_of_every_socket_match_linux, .timeout = 200)
{
    same_on_both("types");
}
Test(astra_unix_socket, seqpacket_boundaries_truncation_eof_poll_and_full_buffers_match_linux, .timeout = 200)
{
    same_on_both("seqpacket");
}
Test(astra_unix_socket, datagram_pairs_match_linux_including_econnrefused_after_close, .timeout = 200)
{
    same_on_both("dgram");
}
Test(astra_unix_socket, stream_pairs_join_sends_and_end_as_linux, .timeout = 200) { same_on_both("stream"); }
Test(astra_unix_socket, scm_rights_over_seqpacket_matches_linux, .timeout = 200) { same_on_both("rights-seqpacket"); }
Test(astra_unix_socket, scm_rights_over_datagrams_matches_linux, .timeout = 200) { same_on_both("rights-dgram"); }
Test(astra_unix_socket, scm_rights_on_a_stream_attach_to_their_bytes_as_linux, .timeout = 200)
{
    same_on_both("rights-stream");
}
Test(astra_unix_socket, bad_control_messages_give_linux_errors, .timeout = 200) { same_on_both("rights-errors"); }
Test(astra_unix_socket, sockets_in_flight_nested_and_in_cycles_are_sent_and_closed, .timeout = 200)
{
    same_on_both("nesting");
}
Test(astra_unix_socket, pairs_between_processes_report_exec_errors_and_block_as_linux, .timeout = 200)
{
    same_on_both("processes");
}
