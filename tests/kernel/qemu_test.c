/* The Astra kernel in QEMU (TCG), through astra-run. Linux is the oracle: the same static
 * binary runs on the host and on Astra and must print the same. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../support/run.h"

#define MAX_ARGS 32

static char kernel_env[4200];

/* Runs bin on Astra with args and env (NULL-terminated); stderr is merged into out when
 * merge_stderr is set. */
static struct run_result on_astra(const char *bin, char *const args[], char *const env[], int merge_stderr)
{
    /* Merging needs a shell, which adds PWD to the environment; so only then. */
    char *argv[MAX_ARGS + 8];
    int n = 0;
    if (merge_stderr) {
        argv[n++] = "/bin/sh";
        argv[n++] = "-c";
        argv[n++] = "exec \"$0\" \"$@\" 2>&1";
    }
    argv[n++] = getenv("ASTRA_RUN");
    argv[n++] = "--argv0";
    argv[n++] = (char *)(strrchr(bin, '/') ? strrchr(bin, '/') + 1 : bin);
    argv[n++] = (char *)bin;
    for (int i = 0; args && args[i]; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    char *envp[64];
    int m = 0;
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    envp[m++] = kernel_env;
    for (int i = 0; env && env[i]; i++)
        envp[m++] = env[i];
    envp[m] = NULL;
    return run_program(argv[0], argv, envp, "");
}

static struct run_result on_host(const char *bin, char *const args[], char *const env[])
{
    char *argv[MAX_ARGS + 2];
    int n = 0;
    argv[n++] = (char *)(strrchr(bin, '/') ? strrchr(bin, '/') + 1 : bin);
    for (int i = 0; args && args[i]; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    return run_program(bin, argv, env, "");
}

static char *const base_env[] = { "PATH=/usr/bin:/bin", "LANG=C", "ASTRA_PROBE=from the test", NULL };

static void same_output(const char *name, char *const args[])
{
    const char *bin = strdup(test_bin(name));
    struct run_result host = on_host(bin, args, base_env);
    struct run_result astra = on_astra(bin, args, base_env, 0);
    cr_assert(astra.exited, "astra-run killed by signal %d", astra.status);
    /* A program Linux kills with signal s ends on Astra with status 128 + s, as a shell shows it. */
    int expected = host.exited ? host.status : 128 + host.status;
    cr_assert_eq(astra.status, expected, "%s: exit status %d on Astra, %d on Linux", name, astra.status,
                 expected);
    cr_assert_str_eq(astra.out, host.out, "%s: output differs.\nAstra:\n%s\nLinux:\n%s", name, astra.out, host.out);
}

Test(astra_kernel, arguments_and_environment_match_linux, .timeout = 60)
{
    char *args[] = { "one", "", "two words", "\xc3\xbcnicode", "100%", "a=b", NULL };
    same_output("print_args", args);
}

Test(astra_kernel, tls_and_canary_match_linux_apart_from_the_random_canary, .timeout = 60)
{
    const char *bin = strdup(test_bin("tls_probe"));
    struct run_result host = on_host(bin, NULL, base_env);
    struct run_result astra = on_astra(bin, NULL, base_env, 0);
    cr_assert(astra.exited && astra.status == 0);
    /* Everything up to the canary's value is deterministic. */
    *strstr(host.out, "canary=") = 0;
    *strstr(astra.out, "canary=") = 0;
    cr_assert_str_eq(astra.out, host.out);
}

Test(astra_kernel, system_call_errors_match_linux, .timeout = 120)
{
    /* Every case of tests/newlib_test.c but isatty_pipe: on Astra stdout is a serial console,
     * which is a terminal. */
    const char *cases[] = { "read_bad_fd", "write_bad_fd", "close_bad_fd", "lseek_bad_fd", "lseek_pipe",
                            "fstat_bad_fd", "fstat_null", "isatty_bad_fd", "open_missing", "open_bad_flag",
                            "open_dir_for_write", "open_unmapped_path", "read_unmapped_buf", "stat_missing",
                            "stat_not_dir", "stat_long_path", "stat_root_is_dir", "unlink_missing",
                            "link_missing", "mkdir_exists", "kill_self_zero", "fork", "execve", "wait",
                            "fcntl_bad_cmd", "sbrk_grow", "sbrk_huge", "gettimeofday", "times",
                            "file_roundtrip", NULL };
    for (int i = 0; cases[i]; i++) {
        char *args[] = { (char *)cases[i], NULL };
        same_output("newlib_probe", args);
    }
}

Test(astra_kernel, bad_pointers_give_efault_like_linux, .timeout = 60)
{
    same_output("bad_pointers", NULL);
}

Test(astra_kernel, file_system_calls_match_linux, .timeout = 60)
{
    same_output("fs_probe", NULL);
}

Test(astra_kernel, threads_futexes_and_sleeps_match_linux, .timeout = 300)
{
    /* thread_probe's cases, but parallelism (Astra runs on one CPU) and the leak check
     * (below), whose RSS numbers differ. */
    const char *cases[] = { "spawn_join", "join_errors", "spawn_errors", "stack_sizes", "guard_page",
                            "stack_overflow", "mutex_stress", "priorities", "block_wakeup", "sleeping", NULL };
    for (int i = 0; cases[i]; i++) {
        char *args[] = { (char *)cases[i], NULL };
        same_output("thread_probe", args);
    }
}

Test(astra_kernel, ten_thousand_spawn_join_cycles_keep_memory_flat, .timeout = 120)
{
    char *args[] = { "spawn_join_leak", NULL };
    struct run_result r = on_astra(test_bin("thread_probe"), args, base_env, 0);
    cr_assert(r.exited && r.status == 0, "%s", r.out);
    long growth = -1, maps = -1;
    int failures = -1;
    cr_assert_eq(sscanf(r.out, "failures=%d rss_growth_kib=%ld mapping_growth=%ld", &failures, &growth, &maps), 3,
                 "%s", r.out);
    cr_assert_eq(failures, 0);
    cr_assert_eq(maps, 0);
    cr_assert(growth >= 0 && growth <= 256, "resident memory grew by %ld KiB", growth);
}

Test(astra_timing, spinning_threads_are_preempted, .timeout = 60)
{
    same_output("spin_progress", NULL);
}

Test(astra_timing, a_100ms_sleep_takes_100_to_150ms, .timeout = 60)
{
    same_output("sleep_accuracy", NULL);
}

Test(astra_kernel, stdin_arrives_intact_and_ends, .timeout = 60)
{
    char *argv[] = { "stdin_echo", NULL };
    static char input[3000];
    for (int i = 0; i < (int)sizeof input - 1; i++)
        input[i] = (char)(1 + i % 255); /* every byte value but NUL, 0xff included */
    const char *bin = strdup(test_bin("stdin_echo"));
    struct run_result host = run_program(bin, argv, base_env, input);
    char *aargv[] = { getenv("ASTRA_RUN"), (char *)bin, NULL };
    char *aenv[] = { kernel_env, "PATH=/usr/bin:/bin", NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    struct run_result astra = run_program(aargv[0], aargv, aenv, input);
    cr_assert(astra.exited && astra.status == 0 && host.status == 0);
    cr_assert_eq(astra.out_len, sizeof input - 1);
    cr_assert_eq(memcmp(astra.out, host.out, host.out_len), 0);
}

Test(astra_kernel, the_c_example_matches_linux, .timeout = 60)
{
    char *args[] = { "first", "", "third arg", NULL };
    same_output("c-hello", args);
}

Test(astra_kernel, the_rust_example_matches_linux, .timeout = 60)
{
    char *args[] = { "one", "", "three four", NULL };
    char *env[] = { "PATH=/usr/bin:/bin", "ASTRA_GREETING=hi there", NULL };
    const char *bin = strdup(test_bin("rust-hello"));
    struct run_result host = on_host(bin, args, env);
    struct run_result astra = on_astra(bin, args, env, 0);
    cr_assert(astra.exited && astra.status == 0, "status %d", astra.status);
    cr_assert_str_eq(astra.out, host.out);
}

/* Runs exhaust_memory <mode> on Astra in a 64 MiB machine, stderr merged. */
static struct run_result in_small_machine(const char *mode)
{
    char *argv[] = { "/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1", getenv("ASTRA_RUN"), "--memory", "64M",
                     (char *)test_bin("exhaust_memory"), (char *)mode, NULL };
    char *envp[] = { kernel_env, "PATH=/usr/bin:/bin", NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    return run_program("/bin/sh", argv, envp, "");
}

Test(astra_kernel, a_full_file_system_gives_enospc_and_recovers, .timeout = 120)
{
    struct run_result r = in_small_machine("files");
    cr_assert(r.exited && r.status == 0, "status %d:\n%s", r.status, r.out);
    cr_assert(strstr(r.out, "first fill: ENOSPC after"), "%s", r.out);
    cr_assert(strstr(r.out, "second fill after deleting: ENOSPC, the space came back\n"), "%s", r.out);
}

Test(astra_kernel, exhausting_memory_stops_the_program_not_the_kernel, .timeout = 120)
{
    struct run_result r = in_small_machine("anon");
    cr_assert(r.exited && r.status == 137, "status %d:\n%s", r.status, r.out);
    /* Alone, pid 1 is the OOM killer's only candidate (tests/kernel/oom_test.c has the others). */
    cr_assert(strstr(r.out, "astra: Out of memory: Killed process 1 (exhaust_memory) total-vm:"), "%s", r.out);
    cr_assert(!strstr(r.out, "PANIC"), "%s", r.out);
}

/* The Rust examples of every std area (the fs one below needs its own directory). */
Test(astra_kernel, the_rust_std_examples_match_linux, .timeout = 300)
{
    char *env_args[] = { "first", "", "with space", NULL };
    same_output("rust-env", env_args);
    same_output("rust-hashmap", NULL);
    same_output("rust-threads", NULL);
    same_output("rust-time", NULL);
    same_output("rust-net", NULL);
}

Test(astra_kernel, socket_calls_match_linux, .timeout = 60)
{
    same_output("net_probe", NULL);
}

Test(astra_kernel, the_rust_fs_example_matches_linux, .timeout = 120)
{
    char dir[64] = "/tmp/astra-qemu-fs-XXXXXX";
    cr_assert(mkdtemp(dir));
    const char *bin = strdup(test_bin("rust-fs"));
    char *host_args[] = { dir, NULL }, *astra_args[] = { "/tmp", NULL };
    struct run_result host = on_host(bin, host_args, base_env);
    struct run_result astra = on_astra(bin, astra_args, base_env, 0);
    rmdir(dir);
    cr_assert(host.exited && host.status == 0);
    cr_assert(astra.exited && astra.status == 0, "status %d:\n%s", astra.status, astra.out);
    cr_assert_str_eq(astra.out, host.out);
}

static void stopped_with_diagnosis(const char *name, const char *diagnosis, const char *printed)
{
    struct run_result astra = on_astra(test_bin(name), NULL, base_env, 1);
    cr_assert(astra.exited);
    cr_assert_eq(astra.status, 139, "%s: status %d, output:\n%s", name, astra.status, astra.out);
    cr_assert(strstr(astra.out, printed), "%s", astra.out);
    cr_assert(strstr(astra.out, diagnosis), "no diagnosis \"%s\" in:\n%s", diagnosis, astra.out);
    cr_assert(strstr(astra.out, "program stopped"), "%s", astra.out);
    cr_assert(!strstr(astra.out, "KERNEL PANIC"), "%s", astra.out);
    struct run_result host = on_host(test_bin(name), NULL, base_env);
    cr_assert(!host.exited && host.status == 11, "Linux does not stop %s with SIGSEGV", name);
}

Test(astra_kernel, a_write_to_kernel_memory_stops_the_program_not_the_kernel, .timeout = 60)
{
    stopped_with_diagnosis("fault_kernel_write",
                           "user fault: page fault (#PF) (write violating page protection, user mode), "
                           "vector 14, error 0x7",
                           "writing to the kernel image\n");
}

Test(astra_kernel, executing_a_data_page_stops_the_program, .timeout = 60)
{
    stopped_with_diagnosis("fault_exec_data", "page fault (#PF) (instruction fetch violating page protection",
                           "calling into .data\n");
}

Test(astra_kernel, an_unknown_syscall_returns_enosys_and_is_named_once, .timeout = 60)
{
    struct run_result r = on_astra(test_bin("unknown_syscall"), NULL, base_env, 0);
    cr_assert(r.exited && r.status == 0, "status %d:\n%s", r.status, r.out);
    cr_assert_str_eq(r.out, "syscall 999 returned -38\nagain: -38\n");
    r = on_astra(test_bin("unknown_syscall"), NULL, base_env, 1);
    const char *line = "astra: unsupported syscall 999 (not in the syscall table) from unknown_syscall: "
                       "returning -ENOSYS\n";
    char *first = strstr(r.out, line);
    cr_assert(first, "%s", r.out);
    cr_assert_null(strstr(first + 1, line), "named twice:\n%s", r.out);
}

/* ---- malformed executables ---- */

static char *mutated_copy(const char *name, void (*mutate)(unsigned char *elf, size_t *size))
{
    FILE *f = fopen(test_bin("print_args"), "rb");
    cr_assert(f);
    static unsigned char buf[4 << 20];
    size_t size = fread(buf, 1, sizeof buf, f);
    fclose(f);
    mutate(buf, &size);
    static char dir[] = "/tmp/astra-elf-XXXXXX";
    static int made; /* mkdtemp's random name may itself end in 'X' */
    if (!made)
        cr_assert(made = mkdtemp(dir) != NULL);
    char *path = malloc(4200);
    snprintf(path, 4200, "%s/%s", dir, name);
    f = fopen(path, "wb");
    fwrite(buf, 1, size, f);
    fclose(f);
    return path;
}

static void refused(const char *name, void (*mutate)(unsigned char *, size_t *), const char *why)
{
    char *path = mutated_copy(name, mutate);
    struct run_result r = on_astra(path, NULL, base_env, 1);
    unlink(path);
    cr_assert(r.exited);
    cr_assert_eq(r.status, 127, "%s: status %d:\n%s", name, r.status, r.out);
    char want[256];
    snprintf(want, sizeof want, "astra: exec /%s: refused: %s", name, why);
    cr_assert(strstr(r.out, want), "wanted \"%s\" in:\n%s", want, r.out);
}

static void truncate_in_segment(unsigned char *elf, size_t *size) { (void)elf; *size = 3000; }
static void truncate_header(unsigned char *elf, size_t *size) { (void)elf; *size = 40; }
static void wrong_machine(unsigned char *elf, size_t *size) { (void)size; elf[18] = 40; elf[19] = 0; /* ARM */ }

/* The first program header's p_vaddr / p_memsz. */
static uint64_t *phdr_field(unsigned char *elf, int offset)
{
    uint64_t phoff;
    memcpy(&phoff, elf + 32, 8);
    return (uint64_t *)(elf + phoff + offset);
}
static void into_kernel(unsigned char *elf, size_t *size) { (void)size; *phdr_field(elf, 16) = 0xffffffff80000000ULL; }
static void absurd_memsz(unsigned char *elf, size_t *size) { (void)size; *phdr_field(elf, 40) = 1ULL << 42; }

Test(astra_kernel, a_truncated_elf_is_refused, .timeout = 60)
{
    refused("truncated", truncate_in_segment, "segment 1: data lies beyond the end of the file (truncated?)");
    refused("stub", truncate_header, "file is too short for an ELF header (40 bytes)");
}

Test(astra_kernel, an_elf_for_another_machine_is_refused, .timeout = 60)
{
    refused("arm", wrong_machine, "wrong machine 40: Astra runs x86_64 (62) programs");
}

Test(astra_kernel, a_segment_overlapping_the_kernel_is_refused, .timeout = 60)
{
    refused("overlap", into_kernel, "segment 0 at 0xffffffff80000000");
}

Test(astra_kernel, an_absurd_memsz_is_refused, .timeout = 60)
{
    refused("huge", absurd_memsz, "segment 0: absurd memory size 0x40000000000");
}

Test(astra_kernel, a_missing_program_is_reported, .timeout = 60)
{
    char *args[] = { NULL };
    char *argv[] = { "/bin/sh", "-c", "exec \"$0\" /nonexistent/prog 2>&1", getenv("ASTRA_RUN"), NULL };
    (void)args;
    char *envp[] = { kernel_env, NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    struct run_result r = run_program("/bin/sh", argv, envp, "");
    cr_assert(r.exited && r.status != 0, "%s", r.out);
}
