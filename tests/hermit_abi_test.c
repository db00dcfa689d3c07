/* astra/hermit.h against hermit-abi 0.5.2 itself: every constant, errno value and struct
 * layout that hermit-abi declares, as printed by a Rust program generated from its source
 * (hermit_layout/gen_layout_rs.py) and compiled with Debian's rustc. A value missing on
 * either side fails too. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include <astra/hermit.h>

#include "support/run.h"

struct expectation {
    const char *key;
    long long value;
    int seen;
};

#define C(name) { "const " #name, (long long)(HERMIT_##name), 0 }
#define SIZE(s) { "size " #s, (long long)sizeof(struct hermit_##s), 0 }
#define ALIGN(s) { "align " #s, (long long)_Alignof(struct hermit_##s), 0 }
#define LAYOUT(s) SIZE(s), ALIGN(s)
#define FIELD(s, f) { "offset " #s "." #f, (long long)offsetof(struct hermit_##s, f), 0 }
#define FIELD_AS(s, f, ours) { "offset " #s "." #f, (long long)offsetof(struct hermit_##s, ours), 0 }

static struct expectation expected[] = {
    C(NO_PRIORITIES), C(HIGH_PRIO), C(NORMAL_PRIO), C(LOW_PRIO), C(FUTEX_RELATIVE_TIMEOUT),
    C(CLOCK_REALTIME), C(CLOCK_MONOTONIC), C(STDIN_FILENO), C(STDOUT_FILENO), C(STDERR_FILENO),
    C(O_RDONLY), C(O_WRONLY), C(O_RDWR), C(O_CREAT), C(O_EXCL), C(O_TRUNC), C(O_APPEND),
    C(O_NONBLOCK), C(O_DIRECTORY), C(F_DUPFD), C(F_GETFD), C(F_SETFD), C(F_GETFL), C(F_SETFL),
    C(FD_CLOEXEC), C(RAND_MAX), C(AF_UNSPEC), C(AF_INET), C(AF_INET6), C(AF_VSOCK),
    C(IPPROTO_IP), C(IPPROTO_IPV6), C(IPPROTO_UDP), C(IPPROTO_TCP), C(IPV6_ADD_MEMBERSHIP),
    C(IPV6_DROP_MEMBERSHIP), C(IPV6_MULTICAST_LOOP), C(IPV6_V6ONLY), C(IP_TOS), C(IP_TTL),
    C(IP_MULTICAST_TTL), C(IP_MULTICAST_LOOP), C(IP_ADD_MEMBERSHIP), C(IP_DROP_MEMBERSHIP),
    C(SHUT_RD), C(SHUT_WR), C(SHUT_RDWR), C(SOCK_DGRAM), C(SOCK_STREAM), C(SOCK_NONBLOCK),
    C(SOCK_CLOEXEC), C(SOL_SOCKET), C(SO_REUSEADDR), C(SO_KEEPALIVE), C(SO_BROADCAST),
    C(SO_LINGER), C(SO_SNDBUF), C(SO_RCVBUF), C(SO_SNDTIMEO), C(SO_RCVTIMEO), C(SO_ERROR),
    C(TCP_NODELAY), C(MSG_PEEK), C(FIONBIO), C(EAI_AGAIN), C(EAI_BADFLAGS), C(EAI_FAIL),
    C(EAI_FAMILY), C(EAI_MEMORY), C(EAI_NODATA), C(EAI_NONAME), C(EAI_SERVICE), C(EAI_SOCKTYPE),
    C(EAI_SYSTEM), C(EAI_OVERFLOW), C(POLLIN), C(POLLPRI), C(POLLOUT), C(POLLERR), C(POLLHUP),
    C(POLLNVAL), C(POLLRDNORM), C(POLLRDBAND), C(POLLWRNORM), C(POLLWRBAND), C(POLLRDHUP),
    C(EFD_SEMAPHORE), C(EFD_NONBLOCK), C(EFD_CLOEXEC), C(IOV_MAX), C(VMADDR_CID_ANY),
    C(VMADDR_CID_HYPERVISOR), C(VMADDR_CID_LOCAL), C(VMADDR_CID_HOST), C(DT_UNKNOWN),
    C(DT_FIFO), C(DT_CHR), C(DT_DIR), C(DT_BLK), C(DT_REG), C(DT_LNK), C(DT_SOCK), C(DT_WHT),
    C(S_IFIFO), C(S_IFCHR), C(S_IFBLK), C(S_IFDIR), C(S_IFREG), C(S_IFLNK), C(S_IFSOCK),
    C(S_IFMT), C(PROT_NONE), C(PROT_READ), C(PROT_WRITE), C(PROT_EXEC), C(SEEK_SET),
    C(SEEK_CUR), C(SEEK_END),
    LAYOUT(timespec), FIELD(timespec, tv_sec), FIELD(timespec, tv_nsec),
    LAYOUT(timeval), FIELD(timeval, tv_sec), FIELD(timeval, tv_usec),
    LAYOUT(in_addr), FIELD(in_addr, s_addr),
    LAYOUT(in6_addr), FIELD_AS(in6_addr, s6_addr, bytes),
    LAYOUT(sockaddr), FIELD(sockaddr, sa_len), FIELD(sockaddr, sa_family),
    FIELD(sockaddr, sa_data),
    LAYOUT(sockaddr_vm), FIELD(sockaddr_vm, svm_len), FIELD(sockaddr_vm, svm_family),
    FIELD(sockaddr_vm, svm_reserved1), FIELD(sockaddr_vm, svm_port),
    FIELD(sockaddr_vm, svm_cid), FIELD(sockaddr_vm, svm_zero),
    LAYOUT(sockaddr_in), FIELD(sockaddr_in, sin_len), FIELD(sockaddr_in, sin_family),
    FIELD(sockaddr_in, sin_port), FIELD(sockaddr_in, sin_addr), FIELD(sockaddr_in, sin_zero),
    LAYOUT(sockaddr_in6), FIELD(sockaddr_in6, sin6_len), FIELD(sockaddr_in6, sin6_family),
    FIELD(sockaddr_in6, sin6_port), FIELD(sockaddr_in6, sin6_flowinfo),
    FIELD(sockaddr_in6, sin6_addr), FIELD(sockaddr_in6, sin6_scope_id),
    LAYOUT(addrinfo), FIELD(addrinfo, ai_flags), FIELD(addrinfo, ai_family),
    FIELD(addrinfo, ai_socktype), FIELD(addrinfo, ai_protocol), FIELD(addrinfo, ai_addrlen),
    FIELD(addrinfo, ai_canonname), FIELD(addrinfo, ai_addr), FIELD(addrinfo, ai_next),
    LAYOUT(sockaddr_storage), FIELD(sockaddr_storage, s2_len),
    FIELD(sockaddr_storage, ss_family),
    LAYOUT(ip_mreq), FIELD(ip_mreq, imr_multiaddr), FIELD(ip_mreq, imr_interface),
    LAYOUT(ipv6_mreq), FIELD(ipv6_mreq, ipv6mr_multiaddr), FIELD(ipv6_mreq, ipv6mr_interface),
    LAYOUT(linger), FIELD(linger, l_onoff), FIELD(linger, l_linger),
    LAYOUT(pollfd), FIELD(pollfd, fd), FIELD(pollfd, events), FIELD(pollfd, revents),
    LAYOUT(stat), FIELD(stat, st_dev), FIELD(stat, st_ino), FIELD(stat, st_nlink),
    FIELD(stat, st_mode), FIELD(stat, st_uid), FIELD(stat, st_gid), FIELD(stat, st_rdev),
    FIELD(stat, st_size), FIELD(stat, st_blksize), FIELD(stat, st_blocks), FIELD(stat, st_atim),
    FIELD(stat, st_mtim), FIELD(stat, st_ctim),
    ALIGN(dirent64), FIELD(dirent64, d_ino), FIELD(dirent64, d_off), FIELD(dirent64, d_reclen),
    FIELD(dirent64, d_type), FIELD(dirent64, d_name),
    LAYOUT(iovec), FIELD(iovec, iov_base), FIELD(iovec, iov_len),
    /* hermit declares d_name as 256 bytes; records are d_reclen long, so libastra's dirent
     * has a flexible name. The fixed size is the header plus 256 bytes, rounded to 8. */
    { "size dirent64", (long long)((offsetof(struct hermit_dirent64, d_name) + 256 + 7) & ~7ul), 0 },
};

#define ERRNO_ENTRY(name, num) { #name, num },
static const struct { const char *name; int value; } astra_errnos[] = {
    ASTRA_ERRNO_LIST(ERRNO_ENTRY)
    { "EWOULDBLOCK", ASTRA_EAGAIN }, /* hermit's aliases */
    { "EDEADLOCK", ASTRA_EDEADLK },
};

static char *hermit_abi_says(void)
{
    char *argv[] = { "hermit_layout", NULL };
    struct run_result r = run_program(test_bin("hermit_layout"), argv, NULL, NULL);
    cr_assert(r.exited && r.status == 0, "hermit_layout failed");
    return r.out;
}

Test(hermit_abi, every_constant_and_layout_of_hermit_h_equals_hermit_abis)
{
    char *out = hermit_abi_says();
    int lines = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        char kind[16], name[64];
        long long value;
        cr_assert_eq(sscanf(line, "%15s %63s %lld", kind, name, &value), 3, "%s", line);
        if (!strcmp(kind, "errno"))
            continue;
        char key[96];
        snprintf(key, sizeof key, "%s %s", kind, name);
        struct expectation *e = NULL;
        for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
            if (!strcmp(expected[i].key, key))
                e = &expected[i];
        cr_expect(e, "hermit-abi has %s, astra/hermit.h does not", key);
        if (e) {
            cr_expect_eq(e->value, value, "%s: hermit-abi %lld, astra/hermit.h %lld", key, value, e->value);
            e->seen = 1;
        }
        lines++;
    }
    cr_assert_gt(lines, 200);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        cr_expect(expected[i].seen, "%s is not in hermit-abi", expected[i].key);
}

Test(hermit_abi, every_errno_value_is_linuxs_so_errors_pass_through)
{
    char *out = hermit_abi_says();
    int checked = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        char kind[16], name[64];
        long long value;
        if (sscanf(line, "%15s %63s %lld", kind, name, &value) != 3 || strcmp(kind, "errno"))
            continue;
        int found = 0;
        for (size_t i = 0; i < sizeof astra_errnos / sizeof astra_errnos[0]; i++) {
            if (!strcmp(astra_errnos[i].name, name)) {
                cr_expect_eq(astra_errnos[i].value, value, "%s", name);
                found = 1;
            }
        }
        cr_expect(found, "hermit-abi's %s is not in syscalls/include/astra/errno.def", name);
        checked++;
    }
    cr_assert_eq(checked, 133);
}
