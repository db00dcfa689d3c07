/* The newlib OS layer on the Linux host: each call with bad input gives newlib's errno value
 * for the Linux error, never a crash. Runs tests/programs/newlib_probe.c once per case. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "support/run.h"

struct probe_case {
    const char *name;
    const char *expected; /* "<result> <errno name>" */
};

static struct probe_case cases[] = {
    { "read_bad_fd", "-1 EBADF" },
    { "write_bad_fd", "-1 EBADF" },
    { "close_bad_fd", "-1 EBADF" },
    { "lseek_bad_fd", "-1 EBADF" },
    { "lseek_pipe", "-1 ESPIPE" },
    { "fstat_bad_fd", "-1 EBADF" },
    { "fstat_null", "-1 EFAULT" },
    { "isatty_bad_fd", "-1 EBADF" },
    { "isatty_pipe", "-1 ENOTTY" },
    { "open_missing", "-1 ENOENT" },
    { "open_bad_flag", "-1 EINVAL" },
    { "open_dir_for_write", "-1 EISDIR" },
    { "open_unmapped_path", "-1 EFAULT" },
    { "read_unmapped_buf", "-1 EFAULT" },
    { "stat_missing", "-1 ENOENT" },
    { "stat_not_dir", "-1 ENOTDIR" },
    { "stat_long_path", "-1 ENAMETOOLONG" },
    { "stat_root_is_dir", "1 OK" },
    { "unlink_missing", "-1 ENOENT" },
    { "link_missing", "-1 ENOENT" },
    { "mkdir_exists", "-1 EEXIST" },
    { "kill_self_zero", "0 OK" },
    { "fork", "0 OK" },
    { "execve_missing", "-1 ENOENT" },
    { "execve_unmapped_path", "-1 EFAULT" },
    { "wait", "-1 ECHILD" },
    { "fcntl_bad_cmd", "-1 EINVAL" },
    { "sbrk_grow", "0 OK" },
    { "sbrk_huge", "-1 ENOMEM" },
    { "gettimeofday", "0 OK" },
    { "times", "0 OK" },
    { "file_roundtrip", "0 OK" },
};

ParameterizedTestParameters(newlib_layer, gives_the_right_errno_never_a_crash)
{
    return cr_make_param_array(struct probe_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct probe_case *c, newlib_layer, gives_the_right_errno_never_a_crash)
{
    char *argv[] = { "newlib_probe", (char *)c->name, NULL };
    struct run_result r = run_program(test_bin("newlib_probe"), argv, NULL, "");
    cr_assert(r.exited, "%s: killed by signal %d", c->name, r.status);
    cr_assert_eq(r.status, 0, "%s: exit status %d", c->name, r.status);
    char expected[64];
    snprintf(expected, sizeof expected, "%s\n", c->expected);
    cr_assert_str_eq(r.out, expected, "%s", c->name);
}
