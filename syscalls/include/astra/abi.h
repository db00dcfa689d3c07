/*
 * The Astra syscall ABI: structs and constants shared by the kernel, libastra and the
 * tests. Layouts and values are Linux x86_64's (tests/abi_test.c checks them against the
 * host's Linux headers). Every name carries the astra_/ASTRA_ prefix so this header can be
 * included next to any libc's headers. Defined here once; never copy a value elsewhere.
 */
#ifndef ASTRA_ABI_H
#define ASTRA_ABI_H

#include <stdint.h>
#include <stddef.h>

#include "errno.def"

enum {
#define ASTRA_ERRNO_ENUM(name, num) ASTRA_##name = num,
    ASTRA_ERRNO_LIST(ASTRA_ERRNO_ENUM)
#undef ASTRA_ERRNO_ENUM
    ASTRA_ERRNO_MAX = 4095 /* results in [-4095, -1] are errors */
};
/* Linux's other name for EAGAIN (not in the list: one name per value). */
#define ASTRA_EWOULDBLOCK ASTRA_EAGAIN

/* ---- time ---- */
struct astra_timespec { int64_t tv_sec; int64_t tv_nsec; };
struct astra_timeval { int64_t tv_sec; int64_t tv_usec; };
struct astra_tms { int64_t tms_utime, tms_stime, tms_cutime, tms_cstime; };

#define ASTRA_CLOCK_REALTIME 0
#define ASTRA_CLOCK_MONOTONIC 1
#define ASTRA_CLOCK_PROCESS_CPUTIME_ID 2
#define ASTRA_CLOCK_THREAD_CPUTIME_ID 3
#define ASTRA_CLOCK_MONOTONIC_RAW 4
#define ASTRA_CLOCK_REALTIME_COARSE 5
#define ASTRA_CLOCK_MONOTONIC_COARSE 6
#define ASTRA_CLOCK_BOOTTIME 7
#define ASTRA_TIMER_ABSTIME 1
#define ASTRA_NSEC_PER_SEC 1000000000L

/* ---- files ---- */
struct astra_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint64_t st_nlink;
    uint32_t st_mode;
    uint32_t st_uid;
    uint32_t st_gid;
    uint32_t pad0;
    uint64_t st_rdev;
    int64_t st_size;
    int64_t st_blksize;
    int64_t st_blocks;
    struct astra_timespec st_atim;
    struct astra_timespec st_mtim;
    struct astra_timespec st_ctim;
    int64_t reserved[3];
};

struct astra_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[]; /* NUL-terminated, record padded to 8 bytes */
};

struct astra_iovec { void *iov_base; size_t iov_len; };
/* sendmsg and recvmsg's message (the kernel's layout of struct msghdr). */
struct astra_msghdr {
    void *msg_name;
    uint32_t msg_namelen;
    struct astra_iovec *msg_iov;
    size_t msg_iovlen;
    void *msg_control;
    size_t msg_controllen;
    int msg_flags;
};

struct astra_pollfd { int32_t fd; int16_t events; int16_t revents; };

#define ASTRA_O_ACCMODE 0003
#define ASTRA_O_RDONLY 00
#define ASTRA_O_WRONLY 01
#define ASTRA_O_RDWR 02
#define ASTRA_O_CREAT 0100
#define ASTRA_O_EXCL 0200
#define ASTRA_O_NOCTTY 0400
#define ASTRA_O_TRUNC 01000
#define ASTRA_O_APPEND 02000
#define ASTRA_O_NONBLOCK 04000
#define ASTRA_O_DSYNC 010000
#define ASTRA_O_DIRECTORY 0200000
#define ASTRA_O_NOFOLLOW 0400000
#define ASTRA_O_CLOEXEC 02000000
#define ASTRA_O_SYNC 04010000

#define ASTRA_AT_FDCWD (-100)
#define ASTRA_AT_SYMLINK_NOFOLLOW 0x100
#define ASTRA_AT_REMOVEDIR 0x200
#define ASTRA_AT_EMPTY_PATH 0x1000
#define ASTRA_AT_SYMLINK_FOLLOW 0x400

/* renameat2 flags */
#define ASTRA_RENAME_NOREPLACE 1
#define ASTRA_RENAME_EXCHANGE 2
#define ASTRA_RENAME_WHITEOUT 4

/* utimensat: special tv_nsec values */
#define ASTRA_UTIME_NOW ((1L << 30) - 1)
#define ASTRA_UTIME_OMIT ((1L << 30) - 2)

/* flock operations */
#define ASTRA_LOCK_SH 1
#define ASTRA_LOCK_EX 2
#define ASTRA_LOCK_NB 4
#define ASTRA_LOCK_UN 8
#define ASTRA_LOCK_MAND 32

/* Symbolic links one path lookup may follow: Linux's MAXSYMLINKS (include/linux/namei.h, not
 * exported to user space; tests/fs_test.c checks the limit by behaviour). */
#define ASTRA_SYMLOOP_MAX 40

#define ASTRA_SEEK_SET 0
#define ASTRA_SEEK_CUR 1
#define ASTRA_SEEK_END 2

#define ASTRA_S_IFMT 0170000
#define ASTRA_S_IFSOCK 0140000
#define ASTRA_S_IFLNK 0120000
#define ASTRA_S_IFREG 0100000
#define ASTRA_S_IFBLK 0060000
#define ASTRA_S_IFDIR 0040000
#define ASTRA_S_IFCHR 0020000
#define ASTRA_S_IFIFO 0010000
#define ASTRA_S_ISUID 04000
#define ASTRA_S_ISGID 02000
#define ASTRA_S_IXGRP 00010

#define ASTRA_DT_UNKNOWN 0
#define ASTRA_DT_FIFO 1
#define ASTRA_DT_CHR 2
#define ASTRA_DT_DIR 4
#define ASTRA_DT_BLK 6
#define ASTRA_DT_REG 8
#define ASTRA_DT_LNK 10
#define ASTRA_DT_SOCK 12

#define ASTRA_F_DUPFD 0
#define ASTRA_F_GETFD 1
#define ASTRA_F_SETFD 2
#define ASTRA_F_GETFL 3
#define ASTRA_F_SETFL 4
#define ASTRA_F_DUPFD_CLOEXEC 1030
#define ASTRA_FD_CLOEXEC 1

/* ioctl requests: terminals (tty.c), and those every descriptor answers */
#define ASTRA_TCGETS 0x5401
#define ASTRA_TCSETS 0x5402
#define ASTRA_TCSETSW 0x5403
#define ASTRA_TCSETSF 0x5404
#define ASTRA_TCSBRK 0x5409
#define ASTRA_TCFLSH 0x540B
#define ASTRA_TIOCSCTTY 0x540E
#define ASTRA_TIOCGPGRP 0x540F
#define ASTRA_TIOCSPGRP 0x5410
#define ASTRA_TIOCOUTQ 0x5411
#define ASTRA_TIOCGWINSZ 0x5413
#define ASTRA_TIOCSWINSZ 0x5414
#define ASTRA_FIONREAD 0x541B
#define ASTRA_FIONBIO 0x5421
#define ASTRA_TIOCNOTTY 0x5422
#define ASTRA_TIOCGSID 0x5429
#define ASTRA_FIONCLEX 0x5450
#define ASTRA_FIOCLEX 0x5451
#define ASTRA_TCIFLUSH 0
#define ASTRA_TCOFLUSH 1
#define ASTRA_TCIOFLUSH 2

/* The kernel's struct termios (TCGETS/TCSETS; not a libc's, which may add speed fields) */
#define ASTRA_NCCS 19
struct astra_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[ASTRA_NCCS];
};
struct astra_winsize { uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel; };
/* c_cc indices */
#define ASTRA_VINTR 0
#define ASTRA_VQUIT 1
#define ASTRA_VERASE 2
#define ASTRA_VKILL 3
#define ASTRA_VEOF 4
#define ASTRA_VTIME 5
#define ASTRA_VMIN 6
#define ASTRA_VSTART 8
#define ASTRA_VSTOP 9
#define ASTRA_VSUSP 10
#define ASTRA_VEOL 11
#define ASTRA_VREPRINT 12
#define ASTRA_VWERASE 14
#define ASTRA_VLNEXT 15
#define ASTRA_VEOL2 16
/* c_iflag */
#define ASTRA_ISTRIP 0000040
#define ASTRA_INLCR 0000100
#define ASTRA_IGNCR 0000200
#define ASTRA_ICRNL 0000400
#define ASTRA_IXON 0002000
/* c_oflag */
#define ASTRA_OPOST 0000001
#define ASTRA_ONLCR 0000004
#define ASTRA_OCRNL 0000010
/* c_cflag */
#define ASTRA_B38400 0000017
#define ASTRA_CS8 0000060
#define ASTRA_CREAD 0000200
#define ASTRA_HUPCL 0002000
/* c_lflag */
#define ASTRA_ISIG 0000001
#define ASTRA_ICANON 0000002
#define ASTRA_ECHO 0000010
#define ASTRA_ECHOE 0000020
#define ASTRA_ECHOK 0000040
#define ASTRA_ECHONL 0000100
#define ASTRA_NOFLSH 0000200
#define ASTRA_TOSTOP 0000400
#define ASTRA_ECHOCTL 0001000
#define ASTRA_ECHOKE 0004000
#define ASTRA_IEXTEN 0100000

#define ASTRA_POLLIN 0x001
#define ASTRA_POLLPRI 0x002
#define ASTRA_POLLOUT 0x004
#define ASTRA_POLLERR 0x008
#define ASTRA_POLLHUP 0x010
#define ASTRA_POLLNVAL 0x020
#define ASTRA_POLLRDNORM 0x040
#define ASTRA_POLLRDBAND 0x080
#define ASTRA_POLLWRNORM 0x100
#define ASTRA_POLLWRBAND 0x200
#define ASTRA_POLLRDHUP 0x2000

/* epoll: flags beyond the POLL* events, ctl operations, and the packed event record. */
#define ASTRA_EPOLL_CLOEXEC 02000000
#define ASTRA_EPOLL_CTL_ADD 1
#define ASTRA_EPOLL_CTL_DEL 2
#define ASTRA_EPOLL_CTL_MOD 3
#define ASTRA_EPOLLEXCLUSIVE (1u << 28)
#define ASTRA_EPOLLWAKEUP (1u << 29)
#define ASTRA_EPOLLONESHOT (1u << 30)
#define ASTRA_EPOLLET (1u << 31)
struct astra_epoll_event {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));

#define ASTRA_EFD_SEMAPHORE 01
#define ASTRA_EFD_NONBLOCK 04000
#define ASTRA_EFD_CLOEXEC 02000000

#define ASTRA_PATH_MAX 4096
#define ASTRA_NAME_MAX 255
#define ASTRA_IOV_MAX 1024

/* ---- memory ---- */
#define ASTRA_PAGE_SIZE 4096UL
#define ASTRA_PROT_NONE 0
#define ASTRA_PROT_READ 1
#define ASTRA_PROT_WRITE 2
#define ASTRA_PROT_EXEC 4
#define ASTRA_MAP_SHARED 0x01
#define ASTRA_MAP_PRIVATE 0x02
#define ASTRA_MAP_FIXED 0x10
#define ASTRA_MAP_ANONYMOUS 0x20
#define ASTRA_MAP_NORESERVE 0x4000
#define ASTRA_MAP_FAILED ((void *)-1)
#define ASTRA_MS_ASYNC 1
#define ASTRA_MS_INVALIDATE 2
#define ASTRA_MS_SYNC 4

/* ---- threads and processes ---- */
#define ASTRA_CLONE_VM 0x00000100
#define ASTRA_CLONE_FS 0x00000200
#define ASTRA_CLONE_FILES 0x00000400
#define ASTRA_CLONE_SIGHAND 0x00000800
#define ASTRA_CLONE_THREAD 0x00010000
#define ASTRA_CLONE_SYSVSEM 0x00040000
#define ASTRA_CLONE_SETTLS 0x00080000
#define ASTRA_CLONE_PARENT_SETTID 0x00100000
#define ASTRA_CLONE_CHILD_CLEARTID 0x00200000
#define ASTRA_CLONE_CHILD_SETTID 0x01000000

#define ASTRA_FUTEX_WAIT 0
#define ASTRA_FUTEX_WAKE 1
#define ASTRA_FUTEX_WAIT_BITSET 9
#define ASTRA_FUTEX_WAKE_BITSET 10
#define ASTRA_FUTEX_PRIVATE_FLAG 128
#define ASTRA_FUTEX_CLOCK_REALTIME 256
#define ASTRA_FUTEX_BITSET_MATCH_ANY 0xffffffffu
/* A robust futex word: the owner's tid, and these bits (set_robust_list). */
#define ASTRA_FUTEX_WAITERS 0x80000000u
#define ASTRA_FUTEX_OWNER_DIED 0x40000000u
#define ASTRA_FUTEX_TID_MASK 0x3fffffffu
struct astra_robust_list_head {
    uint64_t next;              /* the first entry: a user address of a list link */
    int64_t futex_offset;       /* from an entry to its futex word */
    uint64_t list_op_pending;   /* an entry being added or removed */
};

#define ASTRA_ARCH_SET_GS 0x1001
#define ASTRA_ARCH_SET_FS 0x1002
#define ASTRA_ARCH_GET_FS 0x1003
#define ASTRA_ARCH_GET_GS 0x1004

/* prctl options */
#define ASTRA_PR_SET_NAME 15
#define ASTRA_PR_GET_NAME 16

#define ASTRA_SIGKILL 9
#define ASTRA_SIGABRT 6
#define ASTRA_SIGSEGV 11
#define ASTRA_SIGPIPE 13
#define ASTRA_SIGSTOP 19

/* reboot(2): used only to power off a Linux guest at the end of a benchmark */
#define ASTRA_REBOOT_MAGIC1 0xfee1deadu
#define ASTRA_REBOOT_MAGIC2 672274793
#define ASTRA_REBOOT_POWER_OFF 0x4321fedcu

#define ASTRA_GRND_NONBLOCK 1
#define ASTRA_GRND_RANDOM 2
#define ASTRA_GRND_INSECURE 4

struct astra_utsname {
    char sysname[65];
    char nodename[65];
    char release[65];
    char version[65];
    char machine[65];
    char domainname[65];
};

/* ---- the initial process stack (auxiliary vector) ---- */
#define ASTRA_AT_NULL 0
#define ASTRA_AT_PHDR 3
#define ASTRA_AT_PHENT 4
#define ASTRA_AT_PHNUM 5
#define ASTRA_AT_PAGESZ 6
#define ASTRA_AT_BASE 7
#define ASTRA_AT_ENTRY 9
#define ASTRA_AT_HWCAP 16
#define ASTRA_AT_RANDOM 25
#define ASTRA_AT_HWCAP2 26
#define ASTRA_AT_SYSINFO_EHDR 33
#define ASTRA_AT_MINSIGSTKSZ 51

/* ---- network ---- */
#define ASTRA_AF_UNSPEC 0
#define ASTRA_AF_UNIX 1
#define ASTRA_AF_INET 2
#define ASTRA_AF_INET6 10
#define ASTRA_SOCK_STREAM 1
#define ASTRA_SOCK_DGRAM 2
#define ASTRA_SOCK_NONBLOCK 04000
#define ASTRA_SOCK_CLOEXEC 02000000
#define ASTRA_SOL_SOCKET 1
#define ASTRA_SO_REUSEADDR 2
#define ASTRA_SO_ERROR 4
#define ASTRA_SO_BROADCAST 6
#define ASTRA_SO_SNDBUF 7
#define ASTRA_SO_RCVBUF 8
#define ASTRA_SO_KEEPALIVE 9
#define ASTRA_SO_LINGER 13
#define ASTRA_SO_RCVTIMEO 20
#define ASTRA_SO_SNDTIMEO 21
#define ASTRA_IPPROTO_IP 0
#define ASTRA_IPPROTO_TCP 6
#define ASTRA_IPPROTO_UDP 17
#define ASTRA_IPPROTO_IPV6 41
#define ASTRA_IP_TOS 1
#define ASTRA_IP_TTL 2
#define ASTRA_IP_MULTICAST_TTL 33
#define ASTRA_IP_MULTICAST_LOOP 34
#define ASTRA_IP_ADD_MEMBERSHIP 35
#define ASTRA_IP_DROP_MEMBERSHIP 36
#define ASTRA_IPV6_MULTICAST_LOOP 19
#define ASTRA_IPV6_ADD_MEMBERSHIP 20
#define ASTRA_IPV6_DROP_MEMBERSHIP 21
#define ASTRA_IPV6_V6ONLY 26
#define ASTRA_TCP_NODELAY 1
#define ASTRA_MSG_PEEK 0x02
#define ASTRA_MSG_NOSIGNAL 0x4000
#define ASTRA_SHUT_RD 0
#define ASTRA_SHUT_WR 1
#define ASTRA_SHUT_RDWR 2

struct astra_sockaddr { uint16_t sa_family; char sa_data[14]; };
struct astra_in_addr { uint32_t s_addr; };
struct astra_sockaddr_in {
    uint16_t sin_family;
    uint16_t sin_port; /* network byte order */
    struct astra_in_addr sin_addr;
    uint8_t sin_zero[8];
};
struct astra_in6_addr { uint8_t bytes[16]; }; /* not s6_addr: libcs define that as a macro */
struct astra_sockaddr_in6 {
    uint16_t sin6_family;
    uint16_t sin6_port;
    uint32_t sin6_flowinfo;
    struct astra_in6_addr sin6_addr;
    uint32_t sin6_scope_id;
};
struct astra_sockaddr_storage { uint16_t ss_family; char ss_data[118]; uint64_t ss_align; };
struct astra_linger { int32_t l_onoff; int32_t l_linger; };

/* ---- signals (libastra ignores SIGPIPE at startup, so that a write to a closed pipe or socket
 * returns -EPIPE to Rust std and C programs on Linux and on the Astra kernel alike) ---- */
struct astra_sigaction { /* the kernel's layout, not a libc's */
    unsigned long handler;
    unsigned long flags;
    unsigned long restorer;
    uint64_t mask;
};
#define ASTRA_SIG_DFL 0UL
#define ASTRA_SIG_IGN 1UL

/* ---- memory, continued ---- */
#define ASTRA_MREMAP_MAYMOVE 1
#define ASTRA_MADV_DONTNEED 4
#define ASTRA_MADV_WIPEONFORK 18 /* a forked child finds the range zeroed */
#define ASTRA_MADV_KEEPONFORK 19

/* ---- network, continued ---- */
#define ASTRA_AF_VSOCK 40
#define ASTRA_SOCK_RAW 3
#define ASTRA_MSG_DONTWAIT 0x40
/* Unix-domain socket pairs: message kinds, what getsockopt reports, passing descriptors. */
#define ASTRA_SOCK_SEQPACKET 5
#define ASTRA_SO_TYPE 3
#define ASTRA_SO_PASSCRED 16
#define ASTRA_SO_PEERCRED 17
#define ASTRA_SO_ACCEPTCONN 30
#define ASTRA_SO_PROTOCOL 38
#define ASTRA_SO_DOMAIN 39
#define ASTRA_SCM_RIGHTS 1
#define ASTRA_SCM_CREDENTIALS 2
#define ASTRA_SCM_MAX_FD 253 /* descriptors in one message */
#define ASTRA_MSG_OOB 0x01
#define ASTRA_MSG_CTRUNC 0x08
#define ASTRA_MSG_TRUNC 0x20
#define ASTRA_MSG_WAITALL 0x100
#define ASTRA_MSG_CMSG_CLOEXEC 0x40000000
/* A control message's header (the kernel's layout); its data follows, each message padded to
 * 8 bytes. */
struct astra_cmsghdr { uint64_t cmsg_len; int32_t cmsg_level; int32_t cmsg_type; };
#define ASTRA_CMSG_ALIGN(len) (((len) + 7) & ~(uint64_t)7)
struct astra_ucred { int32_t pid; uint32_t uid, gid; };
struct astra_sockaddr_vm {
    uint16_t svm_family;
    uint16_t svm_reserved1;
    uint32_t svm_port;
    uint32_t svm_cid;
    uint8_t svm_flags;
    uint8_t svm_zero[3];
};
struct astra_ip_mreq { struct astra_in_addr imr_multiaddr, imr_interface; };
struct astra_ipv6_mreq { struct astra_in6_addr ipv6mr_multiaddr; int32_t ipv6mr_interface; };

/* ---- pipes, processes and signals ---- */
#define ASTRA_PIPE_BUF 4096 /* writes up to this size are atomic */

#define ASTRA_SIGHUP 1
#define ASTRA_SIGINT 2
#define ASTRA_SIGQUIT 3
#define ASTRA_SIGILL 4
#define ASTRA_SIGTRAP 5
#define ASTRA_SIGBUS 7
#define ASTRA_SIGFPE 8
#define ASTRA_SIGUSR1 10
#define ASTRA_SIGUSR2 12
#define ASTRA_SIGALRM 14
#define ASTRA_SIGTERM 15
#define ASTRA_SIGSTKFLT 16
#define ASTRA_SIGCHLD 17
#define ASTRA_SIGCONT 18
#define ASTRA_SIGTSTP 20
#define ASTRA_SIGTTIN 21
#define ASTRA_SIGTTOU 22
#define ASTRA_SIGURG 23
#define ASTRA_SIGXCPU 24
#define ASTRA_SIGXFSZ 25
#define ASTRA_SIGVTALRM 26
#define ASTRA_SIGPROF 27
#define ASTRA_SIGWINCH 28
#define ASTRA_SIGIO 29
#define ASTRA_SIGPWR 30
#define ASTRA_SIGSYS 31
#define ASTRA_NSIG 64 /* signals are 1..64; a sigset is one 64-bit word, bit (sig - 1) */

/* clone flags beyond the thread ones; the low byte is the signal the parent gets at exit */
#define ASTRA_CLONE_PIDFD 0x00001000
#define ASTRA_CLONE_PTRACE 0x00002000
#define ASTRA_CLONE_VFORK 0x00004000
#define ASTRA_CLONE_PARENT 0x00008000
#define ASTRA_CLONE_NEWNS 0x00020000
#define ASTRA_CLONE_DETACHED 0x00400000
#define ASTRA_CLONE_UNTRACED 0x00800000
#define ASTRA_CLONE_IO 0x80000000UL
#define ASTRA_CSIGNAL 0x000000ff
/* clone3 alone: flags above the low 32 bits, and its argument block (Linux's struct
 * clone_args: 64 bytes up to tls, 80 with set_tid, 88 with cgroup) */
#define ASTRA_CLONE_CLEAR_SIGHAND 0x100000000ULL
#define ASTRA_CLONE_INTO_CGROUP 0x200000000ULL
#define ASTRA_CLONE_ARGS_SIZE_VER0 64
#define ASTRA_CLONE_ARGS_SIZE_VER2 88
#define ASTRA_CLONE_SET_TID_MAX 32 /* Linux's MAX_PID_NS_LEVEL */
struct astra_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
    uint64_t set_tid, set_tid_size, cgroup;
};

/* wait4 and waitid */
#define ASTRA_WNOHANG 0x00000001
#define ASTRA_WUNTRACED 0x00000002
#define ASTRA_WSTOPPED 0x00000002
#define ASTRA_WEXITED 0x00000004
#define ASTRA_WCONTINUED 0x00000008
#define ASTRA_WNOWAIT 0x01000000
#define ASTRA___WNOTHREAD 0x20000000
#define ASTRA___WALL 0x40000000
#define ASTRA___WCLONE 0x80000000U
#define ASTRA_P_ALL 0
#define ASTRA_P_PID 1
#define ASTRA_P_PGID 2
#define ASTRA_P_PIDFD 3
#define ASTRA_CLD_EXITED 1
#define ASTRA_CLD_KILLED 2
#define ASTRA_CLD_DUMPED 3
#define ASTRA_CLD_STOPPED 5
#define ASTRA_CLD_CONTINUED 6
/* A wait status: exit code in bits 8..15, or the signal that ended the process in bits 0..6. */
#define ASTRA_W_EXITCODE(code) (((code) & 0xff) << 8)
/* A stopped child's status (WUNTRACED), and a continued one's (WCONTINUED). */
#define ASTRA_W_STOPCODE(sig) ((((sig) & 0xff) << 8) | 0x7f)
#define ASTRA_W_CONTINUED 0xffff

/* siginfo as waitid fills it (the SIGCHLD member of the kernel's union). Not si_pid and so
 * on: libcs define those names as macros. */
struct astra_siginfo {
    int32_t signo;
    int32_t error;
    int32_t code;
    int32_t pad0;
    union {
        struct {
            int32_t pid;      /* the sender (kill), or the child (SIGCHLD) */
            uint32_t uid;
            int32_t status;   /* SIGCHLD: exit code or signal */
            int32_t pad1;
            int64_t utime, stime;
        };
        uint64_t addr;        /* SIGSEGV, SIGBUS, SIGILL, SIGFPE: where it happened */
    };
    uint8_t rest[128 - 48];
};

/* Resource limits (getrlimit, setrlimit, prlimit64) */
struct astra_rlimit { uint64_t rlim_cur, rlim_max; };
#define ASTRA_RLIM_INFINITY (~0ULL)
#define ASTRA_RLIMIT_CPU 0
#define ASTRA_RLIMIT_FSIZE 1
#define ASTRA_RLIMIT_DATA 2
#define ASTRA_RLIMIT_STACK 3
#define ASTRA_RLIMIT_CORE 4
#define ASTRA_RLIMIT_RSS 5
#define ASTRA_RLIMIT_NPROC 6
#define ASTRA_RLIMIT_NOFILE 7
#define ASTRA_RLIMIT_MEMLOCK 8
#define ASTRA_RLIMIT_AS 9
#define ASTRA_RLIMIT_LOCKS 10
#define ASTRA_RLIMIT_SIGPENDING 11
#define ASTRA_RLIMIT_MSGQUEUE 12
#define ASTRA_RLIMIT_NICE 13
#define ASTRA_RLIMIT_RTPRIO 14
#define ASTRA_RLIMIT_RTTIME 15
#define ASTRA_RLIM_NLIMITS 16

struct astra_rusage {
    struct astra_timeval ru_utime, ru_stime;
    int64_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
    int64_t ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

/* rt_sigaction flags and rt_sigprocmask operations */
#define ASTRA_SA_NOCLDSTOP 0x00000001
#define ASTRA_SA_NOCLDWAIT 0x00000002
#define ASTRA_SA_SIGINFO 0x00000004
#define ASTRA_SA_EXPOSE_TAGBITS 0x00000800
#define ASTRA_SA_RESTORER 0x04000000
#define ASTRA_SA_ONSTACK 0x08000000
#define ASTRA_SA_RESTART 0x10000000
#define ASTRA_SA_NODEFER 0x40000000
#define ASTRA_SA_RESETHAND 0x80000000U
#define ASTRA_SIG_BLOCK 0
#define ASTRA_SIG_UNBLOCK 1
#define ASTRA_SIG_SETMASK 2

/* Where a signal came from (siginfo's code) */
#define ASTRA_SI_USER 0
#define ASTRA_SI_KERNEL 0x80
#define ASTRA_SI_TKILL (-6)
#define ASTRA_SEGV_MAPERR 1
#define ASTRA_SEGV_ACCERR 2
#define ASTRA_ILL_ILLOPN 2
#define ASTRA_FPE_INTDIV 1
#define ASTRA_BUS_ADRALN 1
#define ASTRA_BUS_ADRERR 2

/* The alternate signal stack (sigaltstack) */
struct astra_stack {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
};
#define ASTRA_SS_ONSTACK 1
#define ASTRA_SS_DISABLE 2
#define ASTRA_SS_AUTODISARM (1U << 31)
#define ASTRA_MINSIGSTKSZ 2048

/* The signal frame a handler runs on, as Linux x86_64 builds it: the return address (the
 * sigaction's restorer, which calls rt_sigreturn), a ucontext, the siginfo; the FXSAVE image
 * the ucontext points to lies above. */
struct astra_sigcontext {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2;
    uint64_t fpstate;        /* user address of the 512-byte FXSAVE image, or 0 */
    uint64_t reserved1[8];
};
struct astra_ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    struct astra_stack uc_stack;
    struct astra_sigcontext uc_mcontext;
    uint64_t uc_sigmask;
};
struct astra_rt_sigframe {
    uint64_t pretcode;
    struct astra_ucontext uc;
    struct astra_siginfo info;
};
#define ASTRA_UC_FP_XSTATE 0x1 /* fpstate is an XSAVE image with struct _fpx_sw_bytes */
#define ASTRA_UC_SIGCONTEXT_SS 0x2
#define ASTRA_UC_STRICT_RESTORE_SS 0x4

/* access and faccessat */
#define ASTRA_F_OK 0
#define ASTRA_X_OK 1
#define ASTRA_W_OK 2
#define ASTRA_R_OK 4

#endif
