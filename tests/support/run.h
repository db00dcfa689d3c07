/* Runs a program with a chosen argv/envp and stdin, capturing stdout (tests only). */
#ifndef ASTRA_TEST_RUN_H
#define ASTRA_TEST_RUN_H

#include <stddef.h>

struct run_result {
    int exited;      /* 1 when the program exited normally */
    int status;      /* exit status, or the signal number when it did not exit */
    char *out;       /* NUL-terminated stdout, malloc'd */
    size_t out_len;
};

/* argv[0] is used as given; envp may be NULL for an empty environment. */
struct run_result run_program(const char *path, char *const argv[], char *const envp[],
                              const char *stdin_data);

/* Path of a test program built by meson: $ASTRA_TEST_BIN_DIR/<name>. */
const char *test_bin(const char *name);

#endif
