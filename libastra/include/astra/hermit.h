/*
 * The hermit-abi 0.5.2 side of the contract: every constant and layout Rust std's Hermit
 * backend passes to libastra (library/vendor/hermit-abi-0.5.2/src/lib.rs), with a hermit_ /
 * HERMIT_ prefix. Many values differ from the syscall ABI's (AF_INET is 3, SOL_SOCKET 4095,
 * CLOCK_MONOTONIC 4, timespec has an i32 nanosecond field, sockaddr starts with a length
 * byte); libastra translates each kind in one place (fs/translate.c, net/translate.c,
 * time/translate.c). Where a layout is the syscall ABI's byte for byte, the astra_ struct is
 * used. tests/hermit_abi_test.c checks every value and offset here against hermit-abi itself.
 * Errno values are Linux's in both contracts (checked too), so errors pass through.
 */
#ifndef ASTRA_HERMIT_H
#define ASTRA_HERMIT_H

#include <stddef.h>
#include <stdint.h>

#include <astra/abi.h>

typedef uint32_t hermit_tid_t;
typedef int32_t hermit_pid_t;
typedef int32_t hermit_clockid_t;
typedef int64_t hermit_time_t;
typedef int32_t hermit_suseconds_t;
typedef uint8_t hermit_sa_family_t;
typedef uint32_t hermit_socklen_t;
typedef uint32_t hermit_in_addr_t;
typedef uint16_t hermit_in_port_t;
typedef size_t hermit_nfds_t;
typedef const void *hermit_sem_t;

#define HERMIT_NO_PRIORITIES 31
#define HERMIT_HIGH_PRIO 3
#define HERMIT_NORMAL_PRIO 2
#define HERMIT_LOW_PRIO 1

#define HERMIT_FUTEX_RELATIVE_TIMEOUT 1u
#define HERMIT_CLOCK_REALTIME 1
#define HERMIT_CLOCK_MONOTONIC 4
#define HERMIT_STDIN_FILENO 0
#define HERMIT_STDOUT_FILENO 1
#define HERMIT_STDERR_FILENO 2
#define HERMIT_RAND_MAX 2147483647

/* ---- files ---- */
#define HERMIT_O_RDONLY 00
#define HERMIT_O_WRONLY 01
#define HERMIT_O_RDWR 02
#define HERMIT_O_CREAT 0100
#define HERMIT_O_EXCL 0200
#define HERMIT_O_TRUNC 01000
#define HERMIT_O_APPEND 02000
#define HERMIT_O_NONBLOCK 04000
#define HERMIT_O_DIRECTORY 0200000
#define HERMIT_F_DUPFD 0
#define HERMIT_F_GETFD 1
#define HERMIT_F_SETFD 2
#define HERMIT_F_GETFL 3
#define HERMIT_F_SETFL 4
#define HERMIT_FD_CLOEXEC 1
#define HERMIT_SEEK_SET 0
#define HERMIT_SEEK_CUR 1
#define HERMIT_SEEK_END 2
#define HERMIT_IOV_MAX 1024

#define HERMIT_DT_UNKNOWN 0
#define HERMIT_DT_FIFO 1
#define HERMIT_DT_CHR 2
#define HERMIT_DT_DIR 4
#define HERMIT_DT_BLK 6
#define HERMIT_DT_REG 8
#define HERMIT_DT_LNK 10
#define HERMIT_DT_SOCK 12
#define HERMIT_DT_WHT 14

#define HERMIT_S_IFIFO 0010000u
#define HERMIT_S_IFCHR 0020000u
#define HERMIT_S_IFBLK 0060000u
#define HERMIT_S_IFDIR 0040000u
#define HERMIT_S_IFREG 0100000u
#define HERMIT_S_IFLNK 0120000u
#define HERMIT_S_IFSOCK 0140000u
#define HERMIT_S_IFMT 0170000u

#define HERMIT_PROT_NONE 0u
#define HERMIT_PROT_READ 1u
#define HERMIT_PROT_WRITE 2u
#define HERMIT_PROT_EXEC 4u

#define HERMIT_POLLIN 0x1
#define HERMIT_POLLPRI 0x2
#define HERMIT_POLLOUT 0x4
#define HERMIT_POLLERR 0x8
#define HERMIT_POLLHUP 0x10
#define HERMIT_POLLNVAL 0x20
#define HERMIT_POLLRDNORM 0x040
#define HERMIT_POLLRDBAND 0x080
#define HERMIT_POLLWRNORM 0x0100
#define HERMIT_POLLWRBAND 0x0200
#define HERMIT_POLLRDHUP 0x2000

#define HERMIT_EFD_SEMAPHORE 01
#define HERMIT_EFD_NONBLOCK 04000
#define HERMIT_EFD_CLOEXEC 040000

#define HERMIT_FIONBIO ((int32_t)0x8008667eu)

/* ---- network ---- */
#define HERMIT_AF_UNSPEC 0
#define HERMIT_AF_INET 3
#define HERMIT_AF_INET6 1
#define HERMIT_AF_VSOCK 2
#define HERMIT_IPPROTO_IP 0
#define HERMIT_IPPROTO_IPV6 41
#define HERMIT_IPPROTO_UDP 17
#define HERMIT_IPPROTO_TCP 6
#define HERMIT_IPV6_ADD_MEMBERSHIP 12
#define HERMIT_IPV6_DROP_MEMBERSHIP 13
#define HERMIT_IPV6_MULTICAST_LOOP 19
#define HERMIT_IPV6_V6ONLY 27
#define HERMIT_IP_TOS 1
#define HERMIT_IP_TTL 2
#define HERMIT_IP_MULTICAST_TTL 5
#define HERMIT_IP_MULTICAST_LOOP 7
#define HERMIT_IP_ADD_MEMBERSHIP 3
#define HERMIT_IP_DROP_MEMBERSHIP 4
#define HERMIT_SHUT_RD 0
#define HERMIT_SHUT_WR 1
#define HERMIT_SHUT_RDWR 2
#define HERMIT_SOCK_DGRAM 2
#define HERMIT_SOCK_STREAM 1
#define HERMIT_SOCK_NONBLOCK 04000
#define HERMIT_SOCK_CLOEXEC 040000
#define HERMIT_SOL_SOCKET 4095
#define HERMIT_SO_REUSEADDR 0x0004
#define HERMIT_SO_KEEPALIVE 0x0008
#define HERMIT_SO_BROADCAST 0x0020
#define HERMIT_SO_LINGER 0x0080
#define HERMIT_SO_SNDBUF 0x1001
#define HERMIT_SO_RCVBUF 0x1002
#define HERMIT_SO_SNDTIMEO 0x1005
#define HERMIT_SO_RCVTIMEO 0x1006
#define HERMIT_SO_ERROR 0x1007
#define HERMIT_TCP_NODELAY 1
#define HERMIT_MSG_PEEK 1
#define HERMIT_EAI_AGAIN 2
#define HERMIT_EAI_BADFLAGS 3
#define HERMIT_EAI_FAIL 4
#define HERMIT_EAI_FAMILY 5
#define HERMIT_EAI_MEMORY 6
#define HERMIT_EAI_NODATA 7
#define HERMIT_EAI_NONAME 8
#define HERMIT_EAI_SERVICE 9
#define HERMIT_EAI_SOCKTYPE 10
#define HERMIT_EAI_SYSTEM 11
#define HERMIT_EAI_OVERFLOW 14
#define HERMIT_VMADDR_CID_ANY 0xffffffffu
#define HERMIT_VMADDR_CID_HYPERVISOR 0u
#define HERMIT_VMADDR_CID_LOCAL 1u
#define HERMIT_VMADDR_CID_HOST 2u

/* hermit-abi declares addrinfo but no AI_* flags; these are the Hermit kernel's (and
 * FreeBSD's, whose EAI_* numbers hermit-abi uses too). */
#define HERMIT_AI_PASSIVE 0x001
#define HERMIT_AI_CANONNAME 0x002
#define HERMIT_AI_NUMERICHOST 0x004
#define HERMIT_AI_NUMERICSERV 0x008
#define HERMIT_AI_ALL 0x100
#define HERMIT_AI_ADDRCONFIG 0x400
#define HERMIT_AI_V4MAPPED 0x800

/* ---- layouts ---- */
struct hermit_timespec {
    hermit_time_t tv_sec;
    int32_t tv_nsec;
};

struct hermit_timeval {
    hermit_time_t tv_sec;
    hermit_suseconds_t tv_usec;
};

struct hermit_in_addr { hermit_in_addr_t s_addr; };

struct hermit_in6_addr { _Alignas(4) uint8_t bytes[16]; };

struct hermit_sockaddr {
    uint8_t sa_len;
    hermit_sa_family_t sa_family;
    char sa_data[14];
};

struct hermit_sockaddr_vm {
    uint8_t svm_len;
    hermit_sa_family_t svm_family;
    uint16_t svm_reserved1;
    uint32_t svm_port;
    uint32_t svm_cid;
    uint8_t svm_zero[4];
};

struct hermit_sockaddr_in {
    uint8_t sin_len;
    hermit_sa_family_t sin_family;
    hermit_in_port_t sin_port; /* network byte order */
    struct hermit_in_addr sin_addr;
    char sin_zero[8];
};

struct hermit_sockaddr_in6 {
    uint8_t sin6_len;
    hermit_sa_family_t sin6_family;
    hermit_in_port_t sin6_port;
    uint32_t sin6_flowinfo;
    struct hermit_in6_addr sin6_addr;
    uint32_t sin6_scope_id;
};

struct hermit_sockaddr_storage {
    uint8_t s2_len;
    hermit_sa_family_t ss_family;
    uint8_t ss_pad1[6];
    int64_t ss_align;
    uint8_t ss_pad2[112];
};

struct hermit_addrinfo {
    int32_t ai_flags;
    int32_t ai_family;
    int32_t ai_socktype;
    int32_t ai_protocol;
    hermit_socklen_t ai_addrlen;
    char *ai_canonname;
    struct hermit_sockaddr *ai_addr;
    struct hermit_addrinfo *ai_next;
};

struct hermit_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint64_t st_nlink;
    uint32_t st_mode;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    int64_t st_size;
    int64_t st_blksize;
    int64_t st_blocks;
    struct hermit_timespec st_atim;
    struct hermit_timespec st_mtim;
    struct hermit_timespec st_ctim;
};

/* Byte for byte the syscall ABI's: hermit-abi's linger, ip_mreq, ipv6_mreq, pollfd, iovec and
 * the fixed part of dirent64 (hermit's d_name is declared as 256 bytes; records are still
 * d_reclen long). */
#define hermit_linger astra_linger
#define hermit_ip_mreq astra_ip_mreq
#define hermit_ipv6_mreq astra_ipv6_mreq
#define hermit_pollfd astra_pollfd
#define hermit_iovec astra_iovec
#define hermit_dirent64 astra_dirent64

#endif
