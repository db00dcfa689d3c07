/* clone3, /proc/self/maps' names, umask and chown on the Astra kernel (QEMU, through
 * astra-run) against Linux: each case of tests/programs/linux_calls2_probe.c (glibc, static)
 * must print the same on both. And the console's warnings about unsupported calls: one
 * line for each, however often a program repeats it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

#define PROBE "linux_calls2_probe"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

/* stderr joins stdout when merge_stderr is set (through a shell, as tests/kernel/qemu_test.c). */
static struct run_result on_astra(const char *name, int merge_stderr)
{
    char *argv[12];
    int n = 0;
    if (merge_stderr) {
        argv[n++] = "/bin/sh";
        argv[n++] = "-c";
        argv[n++] = "exec \"$0\" \"$@\" 2>&1";
    }
    argv[n++] = getenv("ASTRA_RUN");
    argv[n++] = "--argv0";
    argv[n++] = PROBE;
    argv[n++] = strdup(test_bin(PROBE));
    argv[n++] = (char *)name;
    argv[n] = NULL;
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    return run_program(argv[0], argv, envp, "");
}

static void same_on_both(const char *name)
{
    char *argv[] = { PROBE, (char *)name, NULL };
    struct run_result host = run_program(test_bin(PROBE), argv, probe_env, "");
    struct run_result astra = on_astra(name, 0);
    cr_assert(host.exited && host.status == 0, "%s %s failed on Linux:\n%s", PROBE, name, host.out);
    cr_assert(astra.exited, "astra-run killed by signal %d", astra.status);
    cr_expect_eq(astra.status, 0, "%s %s: exit status %d on Astra", PROBE, name, astra.status);
    cr_assert_str_eq(astra.out, host.out, "%s %s: output differs.\nAstra:\n%s\nLinux:\n%s", PROBE, name, astra.out,
                     host.out);
}

Test(astra_linux_calls2, clone3_threads_processes_vfork_and_clear_sighand_match_linux, .timeout = 200)
{
    same_on_both("clone3");
}
Test(astra_linux_calls2, clone3_argument_checks_match_linux, .timeout = 200) { same_on_both("clone3_errors"); }
Test(astra_linux_calls2, maps_names_files_heap_and_stack_as_linux, .timeout = 200) { same_on_both("maps"); }
Test(astra_linux_calls2, umask_applies_and_is_inherited_as_on_linux, .timeout = 200) { same_on_both("umask"); }
Test(astra_linux_calls2, chown_as_root_matches_linux, .timeout = 200) { same_on_both("chown"); }
Test(astra_linux_calls2, prctl_thread_names_match_linux, .timeout = 200) { same_on_both("prctl"); }

static int count(const char *text, const char *line)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, line)); p += strlen(line))
        n++;
    return n;
}

Test(astra_linux_calls2, an_unsupported_call_flag_or_operation_is_named_once, .timeout = 200)
{
    struct run_result r = on_astra("warn", 1);
    cr_assert(r.exited && r.status == 0, "status %d:\n%s", r.status, r.out);
    cr_expect(strstr(r.out, "futex FUTEX_WAKE_OP: -1 ENOSYS\n"), "%s", r.out);
    cr_expect(strstr(r.out, "clone3 CLONE_PIDFD: -1 EINVAL\n"), "%s", r.out);
    cr_expect(strstr(r.out, "clone CLONE_NEWUTS: -1 EINVAL\n"), "%s", r.out);
    cr_expect(strstr(r.out, "fcntl F_SETPIPE_SZ: -1 EINVAL\n"), "%s", r.out);
    cr_expect(strstr(r.out, "renameat2 RENAME_WHITEOUT: -1 EINVAL\n"), "%s", r.out);
    static const char *const warnings[] = {
        "astra: futex: operation 5 is not supported: returning -ENOSYS\n",
        "astra: clone3: CLONE_PIDFD is not supported (the kernel has no pidfds): returning -EINVAL\n",
        "astra: clone: flags 0x4000000 for a new process are not supported: returning -EINVAL\n",
        "astra: fcntl: command 1031 is not supported: returning -EINVAL\n",
        "astra: renameat2: RENAME_WHITEOUT is not supported (no overlay file systems): returning -EINVAL\n",
    };
    for (size_t i = 0; i < sizeof warnings / sizeof warnings[0]; i++)
        cr_expect_eq(count(r.out, warnings[i]), 1, "\"%s\" %d times in:\n%s", warnings[i], count(r.out, warnings[i]),
                     r.out);
}
