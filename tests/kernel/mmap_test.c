/* File-backed mmap (tests/programs/mmap_probe.c): the probe built static against glibc prints
 * the same for each case on the Linux host (the oracle, in a directory of its own under /tmp)
 * and on the Astra kernel (in the RAM file system). Also that the memory of mapped, copied
 * and forked file pages comes back once the file is unmapped and removed. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/run.h"

static char kernel_env[4200];
static char *const probe_env[] = { "PATH=/usr/bin:/bin", "LANG=C", NULL };

static struct run_result on_astra(const char *name)
{
    char *argv[] = { getenv("ASTRA_RUN"), "--argv0", "mmap_probe", strdup(test_bin("mmap_probe")), (char *)name,
                     NULL };
    snprintf(kernel_env, sizeof kernel_env, "ASTRA_RUN_KERNEL=%s", getenv("ASTRA_RUN_KERNEL"));
    char *envp[] = { kernel_env, probe_env[0], probe_env[1], NULL };
    return run_program(argv[0], argv, envp, "");
}

static struct run_result on_host(const char *name)
{
    char *argv[] = { "mmap_probe", (char *)name, NULL };
    return run_program(test_bin("mmap_probe"), argv, probe_env, "");
}

static void same_as_linux(const char *name)
{
    struct run_result oracle = on_host(name);
    cr_assert(oracle.exited && oracle.status == 0, "Linux %s: status %d\n%s", name, oracle.status, oracle.out);
    struct run_result r = on_astra(name);
    cr_assert(r.exited && r.status == 0, "Astra %s: %s %d\n%s", name, r.exited ? "exit status" : "signal", r.status,
              r.out);
    cr_assert_str_eq(r.out, oracle.out, "%s: output differs.\nAstra kernel:\n%s\nLinux:\n%s", name, r.out, oracle.out);
}

Test(astra_mmap, private_mappings_read_the_file_and_copy_written_pages_as_on_linux, .timeout = 180)
{
    same_as_linux("private");
}

Test(astra_mmap, shared_mappings_msync_ftruncate_and_access_checks_match_linux, .timeout = 180)
{
    same_as_linux("shared");
}

Test(astra_mmap, bad_descriptors_offsets_and_kinds_of_file_fail_as_on_linux, .timeout = 180)
{
    same_as_linux("errors");
}

Test(astra_mmap, fork_shares_shared_file_pages_and_copies_private_ones_as_on_linux, .timeout = 180)
{
    same_as_linux("fork");
}

Test(astra_mmap, executable_file_mappings_run_code_as_on_linux, .timeout = 180)
{
    same_as_linux("exec");
}

Test(astra_mmap, a_mapping_keeps_its_file_after_close_and_unlink_as_on_linux, .timeout = 180)
{
    same_as_linux("lifetime");
}

Test(astra_mmap, mremap_and_madvise_of_file_mappings_match_linux, .timeout = 180)
{
    same_as_linux("remap");
}

Test(astra_mmap, mremap_of_a_range_split_by_mprotect_matches_linux, .timeout = 180)
{
    same_as_linux("split");
}

Test(astra_mmap, a_running_program_maps_its_code_from_its_file_which_refuses_writers_as_on_linux, .timeout = 180)
{
    same_as_linux("exec-text");
}

Test(astra_mmap, a_thread_woken_on_an_idle_cpu_reads_the_page_mapped_over_meanwhile_as_on_linux, .timeout = 180)
{
    same_as_linux("lazy-tlb");
}

Test(astra_mmap, memory_of_file_pages_comes_back_after_unmap_and_unlink, .timeout = 180)
{
    struct run_result r = on_astra("memory");
    cr_assert(r.exited && r.status == 0, "status %d\n%s", r.status, r.out);
    cr_assert(strstr(r.out, "== memory\nmemory returned\n"), "%s", r.out);
}
