/* Threads, sleeping and blocking (tests/programs/thread_probe.c, an Astra program) on the
 * Linux host: exact results, error codes, a 16-thread mutex stress and a 10,000-thread
 * spawn/join leak check. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "support/run.h"

static struct run_result probe(const char *name)
{
    char *argv[] = { "thread_probe", (char *)name, NULL };
    return run_program(test_bin("thread_probe"), argv, NULL, "");
}

static void expect_output(const char *name, const char *expected)
{
    struct run_result r = probe(name);
    cr_assert(r.exited, "%s: killed by signal %d; output: %s", name, r.status, r.out);
    cr_assert_eq(r.status, 0, "%s: exit status %d", name, r.status);
    cr_expect_str_eq(r.out, expected, "%s", name);
}

Test(threads, spawn_and_join_give_each_thread_its_own_tls)
{
    expect_output("spawn_join", "joined=1 main_tls=100 main_tbss=0\nspawn=0 join=0 again=-3\n");
}

Test(threads, join_of_an_unknown_or_own_id_fails)
{
    expect_output("join_errors", "unknown=-3 zero=-3 self=-35\n");
}

Test(threads, spawn_rejects_bad_arguments)
{
    expect_output("spawn_errors", "null_func=0 errno=22\nbad_prio=0 errno=22\nhuge_stack=0 errno=22\n"
                                  "bad_core=0 errno=22\nspawn_null_func=-22\nspawn_bad_id=-14\n");
}

Test(threads, the_requested_stack_size_is_honoured_with_a_64k_minimum)
{
    expect_output("stack_sizes", "requested=1 on_stack=1 usable=65536 touched=1\n"
                                 "requested=65536 on_stack=1 usable=65536 touched=1\n"
                                 "requested=262244 on_stack=1 usable=266240 touched=1\n"
                                 "requested=8388608 on_stack=1 usable=8388608 touched=1\n");
}

Test(threads, a_guard_page_lies_below_each_stack)
{
    struct run_result r = probe("guard_page");
    cr_expect(!r.exited && r.status == SIGSEGV, "exited=%d status=%d", r.exited, r.status);
    cr_expect_str_eq(r.out, "about to read the guard page\n");
}

Test(threads, a_stack_overflow_stops_at_the_guard_page)
{
    struct run_result r = probe("stack_overflow");
    cr_expect(!r.exited && r.status == SIGSEGV, "exited=%d status=%d", r.exited, r.status);
    cr_expect_str_eq(r.out, "");
}

Test(threads, ten_thousand_spawn_join_cycles_do_not_grow_memory, .timeout = 120)
{
    struct run_result r = probe("spawn_join_leak");
    cr_assert(r.exited && r.status == 0);
    int failures;
    long rss, maps;
    cr_assert_eq(sscanf(r.out, "failures=%d rss_growth_kib=%ld mapping_growth=%ld", &failures, &rss, &maps), 3, "%s", r.out);
    cr_expect_eq(failures, 0);
    cr_expect_lt(rss, 512, "RSS grew by %ld KiB", rss);
    cr_expect_leq(maps, 1, "%ld more mappings", maps);
}

Test(threads, sixteen_threads_on_a_futex_mutex_lose_no_increment, .timeout = 120)
{
    expect_output("mutex_stress", "counter=320000 expected=320000\n");
}

Test(threads, priorities_are_kept_per_thread)
{
    expect_output("priorities", "main=2 spawned=3 after_set=1\n");
}

Test(threads, available_parallelism_is_the_affinity_mask_and_core_ids_pin)
{
    cpu_set_t set;
    cr_assert_eq(sched_getaffinity(0, sizeof set, &set), 0);
    char expected[128];
    snprintf(expected, sizeof expected, "available=%d processors=%d\npinned_to_core0_mask=%d\n", CPU_COUNT(&set),
             CPU_COUNT(&set), CPU_ISSET(0, &set) ? 1 : 0);
    expect_output("parallelism", expected);
}

Test(threads, a_blocked_task_sleeps_until_woken_or_timed_out)
{
    expect_output("block_wakeup", "woken_after_50ms=1 timed_out_after_100ms=1 early_wakeup_kept=1\n");
}

Test(threads, usleep_and_nanosleep_sleep_at_least_as_asked)
{
    expect_output("sleeping", "usleep_100ms=1 nanosleep_50ms=0/1 bad_nsec=-22 negative=-22 null=-14 unmapped=-14 zero=0/1\n");
}

Test(threads, a_write_to_a_closed_socket_is_an_error_not_sigpipe)
{
    expect_output("broken_pipe", "write_after_close=error\n");
}
