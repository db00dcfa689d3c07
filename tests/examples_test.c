/* Each example runs on the Linux host and prints what it should. The C example is also
 * built natively against glibc: Linux is the oracle, the outputs must be identical. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
