/* The raw syscall wrappers and the contract functions built on them, on the Linux host:
 * results are the value or -errno, bad input gives an error code and never a crash. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <astra/astra.h>

#include "../libastra/internal/syscall.h"

Test(raw_syscall, returns_the_value_on_success)
{
    cr_assert_eq(astra_syscall0(ASTRA_NR_getpid), getpid());
    int p[2];
    cr_assert_eq(pipe(p), 0);
    cr_assert_eq(astra_syscall3(ASTRA_NR_write, p[1], (long)"abc", 3), 3);
    char buf[4] = { 0 };
    cr_assert_eq(astra_syscall3(ASTRA_NR_read, p[0], (long)buf, 3), 3);
    cr_assert_str_eq(buf, "abc");
}

Test(raw_syscall, returns_minus_ebadf_for_a_bad_fd)
{
    cr_assert_eq(astra_syscall3(ASTRA_NR_write, -1, (long)"x", 1), -ASTRA_EBADF);
    cr_assert_eq(astra_syscall1(ASTRA_NR_close, 12345), -ASTRA_EBADF);
}

Test(raw_syscall, returns_minus_efault_for_an_unmapped_buffer)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    cr_assert_eq(astra_syscall3(ASTRA_NR_write, p[1], 8, 1), -ASTRA_EFAULT);
}

Test(raw_syscall, returns_minus_enosys_for_an_unknown_number)
{
    cr_assert_eq(astra_syscall0(1000), -ASTRA_ENOSYS);
}

Test(raw_syscall, passes_all_six_arguments)
{
    /* mmap uses all six registers: a fixed-size anonymous mapping proves r10, r8, r9. */
    long m = astra_syscall6(ASTRA_NR_mmap, 0, 8192, ASTRA_PROT_READ | ASTRA_PROT_WRITE,
                            ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS, -1, 0);
    cr_assert(!astra_is_err(m));
    ((volatile char *)m)[8191] = 1;
    cr_assert_eq(astra_syscall2(ASTRA_NR_munmap, m, 8192), 0);
    /* An offset that is not page aligned is rejected: r9 reached the kernel. */
    cr_assert_eq(astra_syscall6(ASTRA_NR_mmap, 0, 4096, ASTRA_PROT_READ, ASTRA_MAP_PRIVATE | ASTRA_MAP_ANONYMOUS,
                                -1, 1),
                 -ASTRA_EINVAL);
}

Test(raw_syscall, error_range_is_exactly_minus_4095_to_minus_1)
{
    cr_assert(astra_is_err(-1));
    cr_assert(astra_is_err(-4095));
    cr_assert(!astra_is_err(-4096));
    cr_assert(!astra_is_err(0));
    cr_assert(!astra_is_err(1));
    cr_assert(!astra_is_err((long)0xffff800000000000)); /* a kernel-half address is a value */
}

Test(contract, sys_write_returns_minus_errno_and_records_it)
{
    cr_assert_eq(sys_write(-1, "x", 1), -ASTRA_EBADF);
    cr_assert_eq(sys_get_errno(), ASTRA_EBADF);
    cr_assert_eq(sys_read(-1, (void *)0, 1), -ASTRA_EBADF);
}

Test(contract, sys_writev_rejects_more_than_iov_max_entries)
{
    struct astra_iovec iov = { "x", 1 };
    cr_assert_eq(sys_writev(1, &iov, 1025), -ASTRA_EINVAL);
    cr_assert_eq(sys_writev(1, &iov, (size_t)1 << 40), -ASTRA_EINVAL);
}

Test(contract, sys_read_entropy_fills_the_buffer_and_rejects_flags)
{
    unsigned char a[64] = { 0 }, b[64] = { 0 };
    cr_assert_eq(sys_read_entropy(a, sizeof a, 0), 64);
    cr_assert_eq(sys_read_entropy(b, sizeof b, 0), 64);
    cr_assert(memcmp(a, b, sizeof a) != 0);
    cr_assert_eq(sys_read_entropy(a, sizeof a, 1), -ASTRA_EINVAL);
}

Test(contract, sys_futex_wait_reports_mismatch_timeout_and_bad_input)
{
    static uint32_t word = 5;
    struct hermit_timespec rel = { 0, 10 * 1000 * 1000 };
    cr_assert_eq(sys_futex_wait(&word, 6, NULL, 0), -ASTRA_EAGAIN);
    cr_assert_eq(sys_futex_wait(&word, 5, &rel, HERMIT_FUTEX_RELATIVE_TIMEOUT), -ASTRA_ETIMEDOUT);
    struct astra_timespec now;
    astra_syscall2(ASTRA_NR_clock_gettime, ASTRA_CLOCK_MONOTONIC, (long)&now);
    struct hermit_timespec past = { now.tv_sec - 1, 0 };
    cr_assert_eq(sys_futex_wait(&word, 5, &past, 0), -ASTRA_ETIMEDOUT);
    cr_assert_eq(sys_futex_wait(NULL, 0, NULL, 0), -ASTRA_EINVAL);
    cr_assert_eq(sys_futex_wait(&word, 5, NULL, 2), -ASTRA_EINVAL);
    struct hermit_timespec negative = { -1, 0 };
    cr_assert_eq(sys_futex_wait(&word, 5, &negative, HERMIT_FUTEX_RELATIVE_TIMEOUT), -ASTRA_EINVAL);
    cr_assert_eq(sys_futex_wait((uint32_t *)((char *)&word + 1), 5, NULL, 0), -ASTRA_EINVAL);
}

Test(contract, sys_futex_wake_counts_and_rejects_bad_input)
{
    static uint32_t word;
    cr_assert_eq(sys_futex_wake(&word, 1), 0);
    cr_assert_eq(sys_futex_wake(&word, INT32_MAX), 0);
    cr_assert_eq(sys_futex_wake(&word, -1), -ASTRA_EINVAL);
    cr_assert_eq(sys_futex_wake(NULL, 1), -ASTRA_EINVAL);
}

Test(contract, sys_join_of_an_unknown_thread_is_esrch)
{
    cr_assert_eq(sys_join(999999), -ASTRA_ESRCH);
}

Test(contract, sys_errno_and_sys_get_errno_report_the_same_last_error)
{
    cr_assert_eq(sys_close(-7), -ASTRA_EBADF);
    cr_expect_eq(sys_errno(), ASTRA_EBADF);
    cr_expect_eq(sys_get_errno(), ASTRA_EBADF);
    cr_assert_eq(sys_mkdir(NULL, 0), -ASTRA_EFAULT);
    cr_expect_eq(sys_errno(), ASTRA_EFAULT);
    /* A success leaves the last error alone, as errno does. */
    cr_assert_geq(sys_getpid(), 1);
    cr_expect_eq(sys_errno(), ASTRA_EFAULT);
}

Test(contract, sys_getpid_is_the_process_id)
{
    cr_expect_eq(sys_getpid(), getpid());
}

Test(contract, sys_read_entropy_reports_a_bad_buffer)
{
    cr_expect_eq(sys_read_entropy(NULL, 16, 0), -ASTRA_EFAULT);
    cr_expect_eq(sys_read_entropy((void *)4096, 16, 0), -ASTRA_EFAULT);
    unsigned char b[4];
    cr_expect_eq(sys_read_entropy(b, 0, 0), 0);
}
