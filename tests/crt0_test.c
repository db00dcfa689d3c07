/* crt0 on the Linux host: what _start hands to main, and the main thread's TLS. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/run.h"

static char *expected_args_output(char *const argv[], char *const envp[], const char *probe)
{
    size_t cap = 1 << 20, len = 0;
    char *s = malloc(cap);
    int argc = 0, envc = 0;
    while (argv[argc])
        argc++;
    while (envp[envc])
        envc++;
    len += (size_t)snprintf(s + len, cap - len, "argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        len += (size_t)snprintf(s + len, cap - len, "argv[%d](%zu)=%s\n", i, strlen(argv[i]), argv[i]);
    len += (size_t)snprintf(s + len, cap - len, "envc=%d\n", envc);
    for (int i = 0; i < envc; i++)
        len += (size_t)snprintf(s + len, cap - len, "env[%d]=%s\n", i, envp[i]);
    snprintf(s + len, cap - len, "getenv(ASTRA_PROBE)=%s\n", probe);
    return s;
}

Test(crt0, argv_and_envp_arrive_intact_including_empty_strings)
{
    char *argv[] = { "print_args", "one", "", "two words", "\xc3\xbcnicode", "", NULL };
    char *envp[] = { "A=1", "EMPTY=", "", "ASTRA_PROBE=found it", "NOEQUALS", NULL };
    struct run_result r = run_program(test_bin("print_args"), argv, envp, NULL);
    cr_assert(r.exited && r.status == 0, "exited=%d status=%d", r.exited, r.status);
    cr_assert_str_eq(r.out, expected_args_output(argv, envp, "found it"));
}

Test(crt0, a_thousand_environment_entries_arrive_in_order)
{
    static char *envp[1002];
    for (int i = 0; i < 1000; i++) {
        envp[i] = malloc(64);
        snprintf(envp[i], 64, "ASTRA_VAR_%04d=value number %d", i, i);
    }
    envp[1000] = "ASTRA_PROBE=last";
    envp[1001] = NULL;
    char *argv[] = { "print_args", NULL };
    struct run_result r = run_program(test_bin("print_args"), argv, envp, NULL);
    cr_assert(r.exited && r.status == 0);
    cr_assert_str_eq(r.out, expected_args_output(argv, envp, "last"));
}

Test(crt0, an_empty_environment_is_handled)
{
    char *argv[] = { "print_args", "x", NULL };
    char *envp[] = { NULL };
    struct run_result r = run_program(test_bin("print_args"), argv, envp, NULL);
    cr_assert(r.exited && r.status == 0);
    cr_assert_str_eq(r.out, "argc=2\nargv[0](10)=print_args\nargv[1](1)=x\nenvc=0\n"
                            "getenv(ASTRA_PROBE)=(null)\n");
}

/* The value of the "key=value" line of out. */
static char *line_value(const char *out, const char *key)
{
    char pattern[128];
    snprintf(pattern, sizeof pattern, "\n%s=", key);
    const char *p;
    if (strncmp(out, pattern + 1, strlen(pattern + 1)) == 0) {
        p = out + strlen(pattern + 1);
    } else {
        p = strstr(out, pattern);
        cr_assert(p, "no %s in output:\n%s", key, out);
        p += strlen(pattern);
    }
    return strndup(p, strcspn(p, "\n"));
}

Test(crt0, tdata_is_initialised_tbss_is_zero_and_alignment_is_honoured)
{
    char *argv[] = { "tls_probe", NULL };
    struct run_result r = run_program(test_bin("tls_probe"), argv, NULL, NULL);
    cr_assert(r.exited && r.status == 0);
    cr_assert_str_eq(line_value(r.out, "tdata_int"), "0x12345678");
    cr_assert_str_eq(line_value(r.out, "tdata_str"), "astra-tls");
    cr_assert_str_eq(line_value(r.out, "tbss_zero"), "1");
    cr_assert_str_eq(line_value(r.out, "aligned64_mod"), "0");
    cr_assert_str_eq(line_value(r.out, "aligned64_first"), "0xab");
    cr_assert_str_eq(line_value(r.out, "tls_below_tp"), "1");
    cr_assert_str_eq(line_value(r.out, "writable"), "1");
}

Test(crt0, stack_protector_canary_comes_from_at_random)
{
    char *argv[] = { "tls_probe", NULL };
    struct run_result a = run_program(test_bin("tls_probe"), argv, NULL, NULL);
    struct run_result b = run_program(test_bin("tls_probe"), argv, NULL, NULL);
    cr_assert(a.exited && a.status == 0 && b.exited && b.status == 0);
    cr_assert_str_eq(line_value(a.out, "canary_low_byte"), "0");
    cr_assert_str_eq(line_value(a.out, "canary_nonzero"), "1");
    cr_assert_str_neq(line_value(a.out, "canary"), line_value(b.out, "canary"),
                      "two runs got the same canary");
}

Test(crt0, a_program_without_pt_tls_still_gets_a_thread_pointer)
{
    char *argv[] = { "no_tls", NULL };
    struct run_result r = run_program(test_bin("no_tls"), argv, NULL, NULL);
    cr_assert(r.exited && r.status == 0);
    cr_assert_str_eq(r.out, "has_pt_tls=0\nthread_pointer_set=1\n");
}
