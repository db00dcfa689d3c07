/* The Astra std overlay, case by case (tests/rust/std_overlay): the program built for
 * x86_64-unknown-linux-gnu is the oracle; built for Astra it must print the same and end with
 * the same status on the Linux host and on the Astra kernel, with panics unwinding (the
 * default) and with panic = "abort". */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/run.h"

static char *const base_env[] = { "PATH=/usr/bin:/bin", "LANG=C", "HOME=/root", NULL };
static char kernel_env[4200];

/* Status as a shell shows it: 128 + signal for a program that did not exit. */
static int shell_status(struct run_result r) { return r.exited ? r.status : 128 + r.status; }

static struct run_result on_host(const char *bin, const char *cse, const char *dir)
{
    char *argv[] = { "std-overlay", (char *)cse, (char *)dir, NULL };
    return run_program(bin, argv, base_env, "");
}

static struct run_result on_kernel(const char *bin, const char *cse)
{
    char *argv[] = { getenv("ASTRA_RUN"), "--argv0", "std-overlay", (char *)bin, (char *)cse, "/tmp", NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, "PATH=/usr/bin:/bin", "LANG=C", "HOME=/root", NULL };
    return run_program(argv[0], argv, envp, "");
}

/* Runs one case in the three places and compares each with Linux. */
static void same_everywhere(const char *astra_name, const char *linux_name, const char *cse, int want_status)
{
    char dir[64] = "/tmp/astra-std-overlay-XXXXXX";
    cr_assert(mkdtemp(dir));
    const char *linux_bin = strdup(test_bin(linux_name)), *astra_bin = strdup(test_bin(astra_name));
    struct run_result oracle = on_host(linux_bin, cse, dir);
    struct run_result hosted = on_host(astra_bin, cse, dir);
    struct run_result kernel = on_kernel(astra_bin, cse);
    rmdir(dir);
    cr_assert_eq(shell_status(oracle), want_status, "%s %s: status %d on Linux\n%s", linux_name, cse,
                 shell_status(oracle), oracle.out);
    cr_assert_str_eq(hosted.out, oracle.out, "%s %s on the Linux host:\n%s\nLinux:\n%s", astra_name, cse,
                     hosted.out, oracle.out);
    cr_assert_eq(shell_status(hosted), want_status, "%s %s: status %d on the Linux host", astra_name, cse,
                 shell_status(hosted));
    cr_assert_str_eq(kernel.out, oracle.out, "%s %s on the Astra kernel:\n%s\nLinux:\n%s", astra_name, cse,
                     kernel.out, oracle.out);
    cr_assert_eq(shell_status(kernel), want_status, "%s %s: status %d on the Astra kernel", astra_name, cse,
                 shell_status(kernel));
}

Test(std_overlay, catch_unwind_drop_and_a_panicking_threads_join_match_linux, .timeout = 120)
{
    same_everywhere("std-overlay", "std-overlay-gnu", "unwind", 0);
}

Test(std_overlay, an_unhandled_panic_in_main_runs_drops_and_exits_101, .timeout = 120)
{
    same_everywhere("std-overlay", "std-overlay-gnu", "main-panics", 101);
}

Test(std_overlay, a_panic_while_panicking_aborts_as_on_linux, .timeout = 120)
{
    same_everywhere("std-overlay", "std-overlay-gnu", "double-panic", 134);
}

Test(std_overlay, the_file_system_calls_hermit_lacks_match_linux, .timeout = 120)
{
    same_everywhere("std-overlay", "std-overlay-gnu", "fs", 0);
}

Test(std_overlay, process_id_current_exe_and_paths_match_linux, .timeout = 120)
{
    same_everywhere("std-overlay", "std-overlay-gnu", "process-env", 3);
}

Test(std_overlay, with_panic_abort_a_caught_panic_still_aborts, .timeout = 120)
{
    same_everywhere("std-overlay-abort", "std-overlay-abort-gnu", "unwind", 134);
}

Test(std_overlay, with_panic_abort_an_unhandled_panic_aborts_without_drops, .timeout = 120)
{
    same_everywhere("std-overlay-abort", "std-overlay-abort-gnu", "main-panics", 134);
}

/* examples/rust/crates: regex, serde_json, rayon, crossbeam-channel and tiny_http from
 * Debian's crate registry. */
Test(std_overlay, registry_crates_example_matches_linux, .timeout = 180)
{
    const char *gnu = strdup(test_bin("rust-crates-gnu")), *astra = strdup(test_bin("rust-crates"));
    char *argv[] = { "crates", NULL };
    struct run_result oracle = run_program(gnu, argv, base_env, "");
    struct run_result hosted = run_program(astra, argv, base_env, "");
    char *kargv[] = { getenv("ASTRA_RUN"), "--argv0", "crates", (char *)astra, NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *kenv[] = { kernel_env, "LANG=C", NULL };
    struct run_result kernel = run_program(kargv[0], kargv, kenv, "");
    cr_assert(oracle.exited && oracle.status == 0, "Linux: status %d", oracle.status);
    cr_assert(strstr(oracle.out, "tiny_http"), "%s", oracle.out);
    cr_assert(hosted.exited && hosted.status == 0, "Linux host: status %d", hosted.status);
    cr_assert_str_eq(hosted.out, oracle.out);
    cr_assert(kernel.exited && kernel.status == 0, "Astra kernel: status %d\n%s", kernel.status, kernel.out);
    cr_assert_str_eq(kernel.out, oracle.out);
}

/* Command, Child and io::pipe: the program runs copies of itself as child processes. */
Test(std_overlay, command_child_processes_and_pipes_match_linux, .timeout = 180)
{
    same_everywhere("std-overlay", "std-overlay-gnu", "processes", 0);
}

/* Command of programs that cannot run (not executable, no ELF, a directory, ...), kill and
 * wait of a child that already exited, a pipe whose reader is gone. */
Test(std_overlay, command_with_bad_programs_and_broken_pipes_fails_as_on_linux, .timeout = 180)
{
    same_everywhere("std-overlay", "std-overlay-gnu", "process-errors", 0);
}
