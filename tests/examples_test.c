/* Each example runs on the Linux host and prints what it should. The C example is also
 * built natively against glibc: Linux is the oracle, the outputs must be identical. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/run.h"

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return strdup(buf);
}

Test(examples, c_hello_prints_the_same_as_the_glibc_build)
{
    char *argv[] = { "c-hello", "first", "", "third arg", NULL };
    struct run_result astra = run_program(test_bin("c-hello"), argv, NULL, NULL);
    struct run_result native = run_program(test_bin("c-hello-glibc"), argv, NULL, NULL);
    cr_assert(astra.exited && astra.status == 0, "status %d", astra.status);
    cr_assert(native.exited && native.status == 0);
    cr_assert_str_eq(astra.out, native.out);
    cr_assert(strstr(astra.out, "read back 43 bytes"), "%s", astra.out);
}

Test(examples, rust_hello_prints_the_expected_output)
{
    char *argv[] = { "hello", "one", "", "three four", NULL };
    char *envp[] = { "ASTRA_GREETING=hi there", NULL };
    struct run_result r = run_program(test_bin("rust-hello"), argv, envp, NULL);
    cr_assert(r.exited && r.status == 0, "exited=%d status=%d", r.exited, r.status);
    char path[4096];
    snprintf(path, sizeof path, "%s/expected/rust-hello.txt", getenv("ASTRA_TEST_SOURCE_DIR"));
    cr_assert_str_eq(r.out, read_file(path));
}

Test(examples, rust_hello_without_arguments_or_environment)
{
    char *argv[] = { "hello", NULL };
    struct run_result r = run_program(test_bin("rust-hello"), argv, NULL, NULL);
    cr_assert(r.exited && r.status == 0);
    cr_assert(strstr(r.out, "0 argument(s): []\nASTRA_GREETING is not set\n"), "%s", r.out);
}

/* ---- Rust std examples: the Astra build against the same source built for
 * x86_64-unknown-linux-gnu (their output does not depend on the system) ---- */

/* Runs `name` and `name-gnu` from "/" with the same arguments and environment; both must exit
 * with `status` and print the same. Returns the Astra output. */
static char *same_as_linux(const char *name, char *const args[], char *const envp[], int status)
{
    char astra[4096], gnu[4200];
    snprintf(astra, sizeof astra, "%s", test_bin(name));
    snprintf(gnu, sizeof gnu, "%s-gnu", astra);
    char *argv[16] = { "/bin/sh", "-c", "cd / && exec \"$0\" \"$@\"", NULL };
    int n = 3;
    argv[n++] = astra;
    for (int i = 0; args && args[i]; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    struct run_result a = run_program("/bin/sh", argv, envp, NULL);
    argv[3] = gnu;
    struct run_result g = run_program("/bin/sh", argv, envp, NULL);
    cr_assert(a.exited && a.status == status, "%s: exited=%d status=%d\n%s", name, a.exited, a.status, a.out);
    cr_assert(g.exited && g.status == status, "%s-gnu: exited=%d status=%d", name, g.exited, g.status);
    cr_expect_str_eq(a.out, g.out, "%s differs from its linux-gnu build", name);
    return a.out;
}

Test(examples, rust_fs_matches_linux, .timeout = 60)
{
    char a[64] = "/tmp/astra-example-fs-XXXXXX", g[64] = "/tmp/astra-example-fs-XXXXXX";
    cr_assert(mkdtemp(a) && mkdtemp(g));
    char astra[4096], gnu[4200];
    snprintf(astra, sizeof astra, "%s", test_bin("rust-fs"));
    snprintf(gnu, sizeof gnu, "%s-gnu", astra);
    char *argv_a[] = { "fs", a, NULL }, *argv_g[] = { "fs", g, NULL };
    struct run_result ra = run_program(astra, argv_a, NULL, NULL), rg = run_program(gnu, argv_g, NULL, NULL);
    cr_assert(ra.exited && ra.status == 0, "status %d: %s", ra.status, ra.out);
    cr_assert(rg.exited && rg.status == 0);
    cr_expect_str_eq(ra.out, rg.out);
    cr_expect(strstr(ra.out, "open a missing file: Some(NotFound)\n"));
    cr_expect(strstr(ra.out, "create_new over an existing file: Some(AlreadyExists)\n"));
    cr_expect_eq(rmdir(a), 0); /* the example removed everything it made */
    rmdir(g);
}

Test(examples, rust_time_matches_linux, .timeout = 60)
{
    char *out = same_as_linux("rust-time", NULL, NULL, 0);
    cr_expect(strstr(out, "slept at least 100 ms: true"));
    cr_expect(!strstr(out, "false"), "%s", out);
}

Test(examples, rust_threads_matches_linux, .timeout = 60)
{
    char *out = same_as_linux("rust-threads", NULL, NULL, 0);
    cr_expect(strstr(out, "16 threads x 10000 increments under a Mutex: 160000\n"));
    cr_expect(strstr(out, "thread-local destructors ran at thread exit: true\n"));
    cr_expect(!strstr(out, "false"), "%s", out);
}

Test(examples, rust_net_matches_linux, .timeout = 60)
{
    char *out = same_as_linux("rust-net", NULL, NULL, 0);
    cr_expect(strstr(out, "4 MiB echoed intact: true\n"));
    cr_expect(strstr(out, "connect to a closed port: ConnectionRefused\n"));
    cr_expect(!strstr(out, "false"), "%s", out);
}

Test(examples, rust_env_matches_linux)
{
    char *args[] = { "one", "", "two words", "\xc3\xbcnicode", NULL };
    char *envp[] = { "ASTRA_EXAMPLE_B=bee", "ASTRA_EXAMPLE_A=", "OTHER=x", "ASTRA_EXAMPLE_EXIT=3", NULL };
    char *out = same_as_linux("rust-env", args, envp, 3);
    cr_expect(strstr(out, "argc = 5\n"));
    cr_expect(strstr(out, "current_dir: Ok(\"/tmp\")\n")); /* after set_current_dir(/tmp) */
}

Test(examples, rust_hashmap_matches_linux)
{
    char *out = same_as_linux("rust-hashmap", NULL, NULL, 0);
    cr_expect(strstr(out, "two RandomStates hash differently: true\n"));
    cr_expect(strstr(out, "inserted 20000 random keys, len 20000\n"));
}

/* ---- the link test: every std area in one statically linked program ---- */

Test(link, a_program_using_every_std_area_links_and_runs, .timeout = 60)
{
    char *argv[] = { "all_areas", NULL };
    struct run_result r = run_program(test_bin("rust-all-areas"), argv, NULL, "12345\n");
    cr_assert(r.exited && r.status == 0, "exited=%d status=%d: %s", r.exited, r.status, r.out);
    cr_expect_str_eq(r.out, "stdin: 6 bytes\nfs: listed 1, size 4\ntime: true true\nthreads: 4 4 true\n"
                            "net: ping 1\nenv+random+alloc: Some(1) 4999950000\n");
}

Test(link, exit_and_abort_end_the_process_as_asked)
{
    char *exit_argv[] = { "all_areas", "exit", "7", NULL }, *abort_argv[] = { "all_areas", "abort", NULL };
    struct run_result e = run_program(test_bin("rust-all-areas"), exit_argv, NULL, "");
    cr_expect(e.exited && e.status == 7, "exited=%d status=%d", e.exited, e.status);
    struct run_result a = run_program(test_bin("rust-all-areas"), abort_argv, NULL, "");
    cr_expect(!a.exited && a.status == SIGABRT, "exited=%d status=%d", a.exited, a.status);
}
