/* The syscalls/ ABI equals Linux x86_64's: every syscall number, errno value, constant and
 * struct layout is checked against the host's Linux and glibc headers. */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <limits.h>
#include <linux/vm_sockets.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <sys/resource.h>
#include <ucontext.h>
#include <time.h>

#include <astra/abi.h>
#include <astra/elf.h>
#include <astra/syscall_list.h>
#include <astra/syscall_nr.h>

#define SAME_LAYOUT(astra, host) cr_expect_eq(sizeof(astra), sizeof(host), #astra " size")
#define SAME_FIELD(astra, host, af, hf)                                                        \
    cr_expect_eq(offsetof(astra, af), offsetof(host, hf), #astra "." #af " offset")
#define SAME(astra_const, host_const) cr_expect_eq((long)(astra_const), (long)(host_const), #astra_const)

Test(abi, every_syscall_number_is_linux_x86_64s)
{
#define CHECK_NR(nr, name, nargs)                                                              \
    cr_expect_eq(nr, SYS_##name, #name);                                                       \
    cr_expect_eq(ASTRA_NR_##name, SYS_##name, #name);
    ASTRA_SYSCALL_LIST(CHECK_NR)
#undef CHECK_NR
}

Test(abi, every_errno_value_is_linuxs)
{
#define CHECK_ERRNO(name, num) cr_expect_eq(ASTRA_##name, name, #name);
    ASTRA_ERRNO_LIST(CHECK_ERRNO)
#undef CHECK_ERRNO
    cr_expect_eq(ASTRA_EWOULDBLOCK, EWOULDBLOCK);
}

Test(abi, struct_stat_matches)
{
    SAME_LAYOUT(struct astra_stat, struct stat);
    SAME_FIELD(struct astra_stat, struct stat, st_dev, st_dev);
    SAME_FIELD(struct astra_stat, struct stat, st_ino, st_ino);
    SAME_FIELD(struct astra_stat, struct stat, st_nlink, st_nlink);
    SAME_FIELD(struct astra_stat, struct stat, st_mode, st_mode);
    SAME_FIELD(struct astra_stat, struct stat, st_uid, st_uid);
    SAME_FIELD(struct astra_stat, struct stat, st_gid, st_gid);
    SAME_FIELD(struct astra_stat, struct stat, st_rdev, st_rdev);
    SAME_FIELD(struct astra_stat, struct stat, st_size, st_size);
    SAME_FIELD(struct astra_stat, struct stat, st_blksize, st_blksize);
    SAME_FIELD(struct astra_stat, struct stat, st_blocks, st_blocks);
    SAME_FIELD(struct astra_stat, struct stat, st_atim, st_atim);
    SAME_FIELD(struct astra_stat, struct stat, st_mtim, st_mtim);
    SAME_FIELD(struct astra_stat, struct stat, st_ctim, st_ctim);
}

Test(abi, time_structs_match)
{
    SAME_LAYOUT(struct astra_timespec, struct timespec);
    SAME_FIELD(struct astra_timespec, struct timespec, tv_nsec, tv_nsec);
    SAME_LAYOUT(struct astra_timeval, struct timeval);
    SAME_FIELD(struct astra_timeval, struct timeval, tv_usec, tv_usec);
    SAME_LAYOUT(struct astra_tms, struct tms);
    SAME(ASTRA_CLOCK_REALTIME, CLOCK_REALTIME);
    SAME(ASTRA_CLOCK_MONOTONIC, CLOCK_MONOTONIC);
    SAME(ASTRA_CLOCK_PROCESS_CPUTIME_ID, CLOCK_PROCESS_CPUTIME_ID);
    SAME(ASTRA_CLOCK_THREAD_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID);
    SAME(ASTRA_CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_RAW); SAME(ASTRA_CLOCK_BOOTTIME, CLOCK_BOOTTIME);
    SAME(ASTRA_TIMER_ABSTIME, TIMER_ABSTIME);
}

Test(abi, io_structs_match)
{
    SAME_FIELD(struct astra_dirent64, struct dirent64, d_ino, d_ino);
    SAME_FIELD(struct astra_dirent64, struct dirent64, d_off, d_off);
    SAME_FIELD(struct astra_dirent64, struct dirent64, d_reclen, d_reclen);
    SAME_FIELD(struct astra_dirent64, struct dirent64, d_type, d_type);
    SAME_FIELD(struct astra_dirent64, struct dirent64, d_name, d_name);
    SAME_LAYOUT(struct astra_iovec, struct iovec);
    SAME_FIELD(struct astra_iovec, struct iovec, iov_len, iov_len);
    SAME_LAYOUT(struct astra_pollfd, struct pollfd);
    SAME_LAYOUT(struct astra_msghdr, struct msghdr);
    SAME_FIELD(struct astra_msghdr, struct msghdr, msg_controllen, msg_controllen);
    SAME_FIELD(struct astra_msghdr, struct msghdr, msg_flags, msg_flags);
    SAME_FIELD(struct astra_pollfd, struct pollfd, events, events);
    SAME_FIELD(struct astra_pollfd, struct pollfd, revents, revents);
    SAME_LAYOUT(struct astra_utsname, struct utsname);
    SAME_FIELD(struct astra_utsname, struct utsname, machine, machine);
}

Test(abi, file_constants_match)
{
    SAME(ASTRA_O_ACCMODE, O_ACCMODE); SAME(ASTRA_O_RDONLY, O_RDONLY); SAME(ASTRA_O_WRONLY, O_WRONLY);
    SAME(ASTRA_O_RDWR, O_RDWR); SAME(ASTRA_O_CREAT, O_CREAT); SAME(ASTRA_O_EXCL, O_EXCL);
    SAME(ASTRA_O_NOCTTY, O_NOCTTY); SAME(ASTRA_O_TRUNC, O_TRUNC); SAME(ASTRA_O_APPEND, O_APPEND);
    SAME(ASTRA_O_NONBLOCK, O_NONBLOCK); SAME(ASTRA_O_DSYNC, O_DSYNC);
    SAME(ASTRA_O_DIRECTORY, O_DIRECTORY); SAME(ASTRA_O_NOFOLLOW, O_NOFOLLOW);
    SAME(ASTRA_O_CLOEXEC, O_CLOEXEC); SAME(ASTRA_O_SYNC, O_SYNC);
    SAME(ASTRA_AT_FDCWD, AT_FDCWD); SAME(ASTRA_AT_SYMLINK_NOFOLLOW, AT_SYMLINK_NOFOLLOW);
    SAME(ASTRA_AT_REMOVEDIR, AT_REMOVEDIR); SAME(ASTRA_AT_EMPTY_PATH, AT_EMPTY_PATH);
    SAME(ASTRA_AT_SYMLINK_FOLLOW, AT_SYMLINK_FOLLOW);
    SAME(ASTRA_RENAME_NOREPLACE, RENAME_NOREPLACE); SAME(ASTRA_RENAME_EXCHANGE, RENAME_EXCHANGE);
    SAME(ASTRA_RENAME_WHITEOUT, RENAME_WHITEOUT);
    SAME(ASTRA_UTIME_NOW, UTIME_NOW); SAME(ASTRA_UTIME_OMIT, UTIME_OMIT);
    SAME(ASTRA_LOCK_SH, LOCK_SH); SAME(ASTRA_LOCK_EX, LOCK_EX); SAME(ASTRA_LOCK_NB, LOCK_NB);
    SAME(ASTRA_LOCK_UN, LOCK_UN); SAME(ASTRA_LOCK_MAND, LOCK_MAND);
    SAME(ASTRA_SEEK_SET, SEEK_SET); SAME(ASTRA_SEEK_CUR, SEEK_CUR); SAME(ASTRA_SEEK_END, SEEK_END);
    SAME(ASTRA_S_IFMT, S_IFMT); SAME(ASTRA_S_IFSOCK, S_IFSOCK); SAME(ASTRA_S_IFLNK, S_IFLNK);
    SAME(ASTRA_S_IFREG, S_IFREG); SAME(ASTRA_S_IFBLK, S_IFBLK); SAME(ASTRA_S_IFDIR, S_IFDIR);
    SAME(ASTRA_S_IFCHR, S_IFCHR); SAME(ASTRA_S_IFIFO, S_IFIFO);
    SAME(ASTRA_S_ISUID, S_ISUID); SAME(ASTRA_S_ISGID, S_ISGID); SAME(ASTRA_S_IXGRP, S_IXGRP);
    SAME(ASTRA_DT_UNKNOWN, DT_UNKNOWN); SAME(ASTRA_DT_FIFO, DT_FIFO); SAME(ASTRA_DT_CHR, DT_CHR);
    SAME(ASTRA_DT_DIR, DT_DIR); SAME(ASTRA_DT_BLK, DT_BLK); SAME(ASTRA_DT_REG, DT_REG);
    SAME(ASTRA_DT_LNK, DT_LNK); SAME(ASTRA_DT_SOCK, DT_SOCK);
    SAME(ASTRA_F_DUPFD, F_DUPFD); SAME(ASTRA_F_GETFD, F_GETFD); SAME(ASTRA_F_SETFD, F_SETFD);
    SAME(ASTRA_F_GETFL, F_GETFL); SAME(ASTRA_F_SETFL, F_SETFL);
    SAME(ASTRA_F_DUPFD_CLOEXEC, F_DUPFD_CLOEXEC); SAME(ASTRA_FD_CLOEXEC, FD_CLOEXEC);
    SAME(ASTRA_TCGETS, TCGETS); SAME(ASTRA_FIONBIO, FIONBIO);
    SAME(ASTRA_POLLIN, POLLIN); SAME(ASTRA_POLLPRI, POLLPRI); SAME(ASTRA_POLLOUT, POLLOUT);
    SAME(ASTRA_POLLERR, POLLERR); SAME(ASTRA_POLLHUP, POLLHUP); SAME(ASTRA_POLLNVAL, POLLNVAL);
    SAME(ASTRA_POLLRDNORM, POLLRDNORM); SAME(ASTRA_POLLRDBAND, POLLRDBAND);
    SAME(ASTRA_POLLWRNORM, POLLWRNORM); SAME(ASTRA_POLLWRBAND, POLLWRBAND);
    SAME(ASTRA_POLLRDHUP, POLLRDHUP);
    SAME(ASTRA_EFD_SEMAPHORE, EFD_SEMAPHORE); SAME(ASTRA_EFD_NONBLOCK, EFD_NONBLOCK);
    SAME(ASTRA_EFD_CLOEXEC, EFD_CLOEXEC);
    SAME(ASTRA_EPOLL_CLOEXEC, EPOLL_CLOEXEC);
    SAME(ASTRA_AF_UNIX, AF_UNIX);
    SAME(ASTRA_FUTEX_WAITERS, FUTEX_WAITERS);
    SAME(ASTRA_FUTEX_OWNER_DIED, FUTEX_OWNER_DIED);
    SAME(ASTRA_FUTEX_TID_MASK, FUTEX_TID_MASK);
    cr_expect_eq(sizeof(struct astra_robust_list_head), sizeof(struct robust_list_head));
    SAME(ASTRA_EPOLL_CTL_ADD, EPOLL_CTL_ADD);
    SAME(ASTRA_EPOLL_CTL_DEL, EPOLL_CTL_DEL);
    SAME(ASTRA_EPOLL_CTL_MOD, EPOLL_CTL_MOD);
    SAME(ASTRA_EPOLLEXCLUSIVE, EPOLLEXCLUSIVE);
    SAME(ASTRA_EPOLLWAKEUP, EPOLLWAKEUP);
    SAME(ASTRA_EPOLLONESHOT, EPOLLONESHOT);
    SAME(ASTRA_EPOLLET, EPOLLET);
    cr_expect_eq(sizeof(struct astra_epoll_event), sizeof(struct epoll_event));
    cr_expect_eq(offsetof(struct astra_epoll_event, data), offsetof(struct epoll_event, data));
    SAME(ASTRA_NAME_MAX, NAME_MAX); SAME(ASTRA_IOV_MAX, IOV_MAX);
}

Test(abi, memory_thread_and_process_constants_match)
{
    SAME(ASTRA_PAGE_SIZE, 4096);
    SAME(ASTRA_PROT_NONE, PROT_NONE); SAME(ASTRA_PROT_READ, PROT_READ);
    SAME(ASTRA_PROT_WRITE, PROT_WRITE); SAME(ASTRA_PROT_EXEC, PROT_EXEC);
    SAME(ASTRA_MAP_SHARED, MAP_SHARED); SAME(ASTRA_MAP_PRIVATE, MAP_PRIVATE);
    SAME(ASTRA_MAP_FIXED, MAP_FIXED); SAME(ASTRA_MAP_ANONYMOUS, MAP_ANONYMOUS);
    SAME(ASTRA_MAP_NORESERVE, MAP_NORESERVE);
    SAME(ASTRA_CLONE_VM, CLONE_VM); SAME(ASTRA_CLONE_FS, CLONE_FS); SAME(ASTRA_CLONE_FILES, CLONE_FILES);
    SAME(ASTRA_CLONE_SIGHAND, CLONE_SIGHAND); SAME(ASTRA_CLONE_THREAD, CLONE_THREAD);
    SAME(ASTRA_CLONE_SYSVSEM, CLONE_SYSVSEM); SAME(ASTRA_CLONE_SETTLS, CLONE_SETTLS);
    SAME(ASTRA_CLONE_PARENT_SETTID, CLONE_PARENT_SETTID);
    SAME(ASTRA_CLONE_CHILD_CLEARTID, CLONE_CHILD_CLEARTID);
    SAME(ASTRA_CLONE_CHILD_SETTID, CLONE_CHILD_SETTID);
    SAME(ASTRA_CLONE_CLEAR_SIGHAND, CLONE_CLEAR_SIGHAND); SAME(ASTRA_CLONE_INTO_CGROUP, CLONE_INTO_CGROUP);
    SAME(ASTRA_CLONE_ARGS_SIZE_VER0, CLONE_ARGS_SIZE_VER0); SAME(ASTRA_CLONE_ARGS_SIZE_VER2, CLONE_ARGS_SIZE_VER2);
    SAME_LAYOUT(struct astra_clone_args, struct clone_args);
    SAME_FIELD(struct astra_clone_args, struct clone_args, tls, tls);
    SAME_FIELD(struct astra_clone_args, struct clone_args, cgroup, cgroup);
    SAME(ASTRA_FUTEX_WAIT, FUTEX_WAIT); SAME(ASTRA_FUTEX_WAKE, FUTEX_WAKE);
    SAME(ASTRA_FUTEX_WAIT_BITSET, FUTEX_WAIT_BITSET); SAME(ASTRA_FUTEX_WAKE_BITSET, FUTEX_WAKE_BITSET);
    SAME(ASTRA_FUTEX_PRIVATE_FLAG, FUTEX_PRIVATE_FLAG);
    SAME(ASTRA_FUTEX_CLOCK_REALTIME, FUTEX_CLOCK_REALTIME);
    SAME(ASTRA_FUTEX_BITSET_MATCH_ANY, FUTEX_BITSET_MATCH_ANY);
    SAME(ASTRA_ARCH_SET_GS, ARCH_SET_GS); SAME(ASTRA_ARCH_SET_FS, ARCH_SET_FS);
    SAME(ASTRA_ARCH_GET_FS, ARCH_GET_FS); SAME(ASTRA_ARCH_GET_GS, ARCH_GET_GS);
    SAME(ASTRA_SIGKILL, SIGKILL); SAME(ASTRA_SIGABRT, SIGABRT); SAME(ASTRA_SIGSEGV, SIGSEGV);
    SAME(ASTRA_SIGPIPE, SIGPIPE); SAME(ASTRA_SIGSTOP, SIGSTOP);
    SAME(ASTRA_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC1); SAME(ASTRA_REBOOT_MAGIC2, LINUX_REBOOT_MAGIC2);
    SAME(ASTRA_REBOOT_POWER_OFF, LINUX_REBOOT_CMD_POWER_OFF);
    SAME(ASTRA_GRND_NONBLOCK, GRND_NONBLOCK); SAME(ASTRA_GRND_RANDOM, GRND_RANDOM);
    SAME(ASTRA_GRND_INSECURE, GRND_INSECURE);
    SAME(ASTRA_AT_NULL, AT_NULL); SAME(ASTRA_AT_PHDR, AT_PHDR); SAME(ASTRA_AT_PHENT, AT_PHENT);
    SAME(ASTRA_AT_PHNUM, AT_PHNUM); SAME(ASTRA_AT_PAGESZ, AT_PAGESZ); SAME(ASTRA_AT_ENTRY, AT_ENTRY);
    SAME(ASTRA_AT_RANDOM, AT_RANDOM); SAME(ASTRA_AT_SYSINFO_EHDR, AT_SYSINFO_EHDR);
}

Test(abi, network_structs_and_constants_match)
{
    SAME_LAYOUT(struct astra_sockaddr, struct sockaddr);
    SAME_LAYOUT(struct astra_sockaddr_in, struct sockaddr_in);
    SAME_FIELD(struct astra_sockaddr_in, struct sockaddr_in, sin_port, sin_port);
    SAME_FIELD(struct astra_sockaddr_in, struct sockaddr_in, sin_addr, sin_addr);
    SAME_LAYOUT(struct astra_sockaddr_in6, struct sockaddr_in6);
    SAME_FIELD(struct astra_sockaddr_in6, struct sockaddr_in6, sin6_flowinfo, sin6_flowinfo);
    SAME_FIELD(struct astra_sockaddr_in6, struct sockaddr_in6, sin6_addr, sin6_addr);
    SAME_FIELD(struct astra_sockaddr_in6, struct sockaddr_in6, sin6_scope_id, sin6_scope_id);
    SAME_LAYOUT(struct astra_sockaddr_storage, struct sockaddr_storage);
    SAME_LAYOUT(struct astra_linger, struct linger);
    SAME(ASTRA_AF_UNSPEC, AF_UNSPEC); SAME(ASTRA_AF_INET, AF_INET); SAME(ASTRA_AF_INET6, AF_INET6);
    SAME(ASTRA_SOCK_STREAM, SOCK_STREAM); SAME(ASTRA_SOCK_DGRAM, SOCK_DGRAM);
    SAME(ASTRA_SOCK_NONBLOCK, SOCK_NONBLOCK); SAME(ASTRA_SOCK_CLOEXEC, SOCK_CLOEXEC);
    SAME(ASTRA_SOL_SOCKET, SOL_SOCKET); SAME(ASTRA_SO_REUSEADDR, SO_REUSEADDR);
    SAME(ASTRA_SO_ERROR, SO_ERROR); SAME(ASTRA_SO_BROADCAST, SO_BROADCAST);
    SAME(ASTRA_SO_SNDBUF, SO_SNDBUF); SAME(ASTRA_SO_RCVBUF, SO_RCVBUF);
    SAME(ASTRA_SO_KEEPALIVE, SO_KEEPALIVE); SAME(ASTRA_SO_LINGER, SO_LINGER);
    SAME(ASTRA_SO_RCVTIMEO, SO_RCVTIMEO); SAME(ASTRA_SO_SNDTIMEO, SO_SNDTIMEO);
    SAME(ASTRA_IPPROTO_IP, IPPROTO_IP); SAME(ASTRA_IPPROTO_TCP, IPPROTO_TCP);
    SAME(ASTRA_IPPROTO_UDP, IPPROTO_UDP); SAME(ASTRA_IPPROTO_IPV6, IPPROTO_IPV6);
    SAME(ASTRA_IP_TOS, IP_TOS); SAME(ASTRA_IP_TTL, IP_TTL);
    SAME(ASTRA_IP_MULTICAST_TTL, IP_MULTICAST_TTL); SAME(ASTRA_IP_MULTICAST_LOOP, IP_MULTICAST_LOOP);
    SAME(ASTRA_IP_ADD_MEMBERSHIP, IP_ADD_MEMBERSHIP); SAME(ASTRA_IP_DROP_MEMBERSHIP, IP_DROP_MEMBERSHIP);
    SAME(ASTRA_IPV6_MULTICAST_LOOP, IPV6_MULTICAST_LOOP);
    SAME(ASTRA_IPV6_ADD_MEMBERSHIP, IPV6_ADD_MEMBERSHIP);
    SAME(ASTRA_IPV6_DROP_MEMBERSHIP, IPV6_DROP_MEMBERSHIP);
    SAME(ASTRA_IPV6_V6ONLY, IPV6_V6ONLY);
    SAME(ASTRA_TCP_NODELAY, TCP_NODELAY); SAME(ASTRA_MSG_PEEK, MSG_PEEK);
    SAME(ASTRA_MSG_NOSIGNAL, MSG_NOSIGNAL);
    SAME(ASTRA_SHUT_RD, SHUT_RD); SAME(ASTRA_SHUT_WR, SHUT_WR); SAME(ASTRA_SHUT_RDWR, SHUT_RDWR);
}

Test(abi, elf_structs_match)
{
    SAME_LAYOUT(struct astra_elf64_ehdr, Elf64_Ehdr);
    SAME_FIELD(struct astra_elf64_ehdr, Elf64_Ehdr, e_phoff, e_phoff);
    SAME_FIELD(struct astra_elf64_ehdr, Elf64_Ehdr, e_phnum, e_phnum);
    SAME_LAYOUT(struct astra_elf64_phdr, Elf64_Phdr);
    SAME_FIELD(struct astra_elf64_phdr, Elf64_Phdr, p_vaddr, p_vaddr);
    SAME_FIELD(struct astra_elf64_phdr, Elf64_Phdr, p_align, p_align);
    SAME(ASTRA_ET_EXEC, ET_EXEC); SAME(ASTRA_ET_DYN, ET_DYN); SAME(ASTRA_EM_X86_64, EM_X86_64);
    SAME(ASTRA_PT_LOAD, PT_LOAD); SAME(ASTRA_PT_DYNAMIC, PT_DYNAMIC); SAME(ASTRA_PT_INTERP, PT_INTERP);
    SAME(ASTRA_PT_PHDR, PT_PHDR); SAME(ASTRA_PT_TLS, PT_TLS);
    SAME(ASTRA_PT_GNU_EH_FRAME, PT_GNU_EH_FRAME); SAME(ASTRA_PT_GNU_STACK, PT_GNU_STACK);
    SAME(ASTRA_PF_X, PF_X); SAME(ASTRA_PF_W, PF_W); SAME(ASTRA_PF_R, PF_R);
    SAME_LAYOUT(struct astra_elf64_shdr, Elf64_Shdr);
    SAME_FIELD(struct astra_elf64_shdr, Elf64_Shdr, sh_offset, sh_offset);
    SAME_FIELD(struct astra_elf64_shdr, Elf64_Shdr, sh_link, sh_link);
    SAME_FIELD(struct astra_elf64_shdr, Elf64_Shdr, sh_entsize, sh_entsize);
    SAME_LAYOUT(struct astra_elf64_sym, Elf64_Sym);
    SAME_FIELD(struct astra_elf64_sym, Elf64_Sym, st_info, st_info);
    SAME_FIELD(struct astra_elf64_sym, Elf64_Sym, st_value, st_value);
    SAME_FIELD(struct astra_elf64_sym, Elf64_Sym, st_size, st_size);
    SAME(ASTRA_SHT_SYMTAB, SHT_SYMTAB); SAME(ASTRA_STT_FUNC, STT_FUNC);
    SAME_LAYOUT(struct astra_elf64_dyn, Elf64_Dyn);
    SAME_FIELD(struct astra_elf64_dyn, Elf64_Dyn, d_val, d_un.d_val);
    SAME(ASTRA_DT_NULL, DT_NULL); SAME(ASTRA_DT_HASH, DT_HASH); SAME(ASTRA_DT_STRTAB, DT_STRTAB);
    SAME(ASTRA_DT_SYMTAB, DT_SYMTAB); SAME(ASTRA_DT_STRSZ, DT_STRSZ);
    SAME(ASTRA_DT_SYMENT, DT_SYMENT); SAME(ASTRA_SHN_UNDEF, SHN_UNDEF);
    SAME(ASTRA_STB_GLOBAL, STB_GLOBAL); SAME(ASTRA_STB_WEAK, STB_WEAK);
    SAME(ASTRA_ELFCLASS64, ELFCLASS64);
    SAME(ASTRA_ELF64_ST_TYPE(0x12), ELF64_ST_TYPE(0x12));
}

Test(abi, terminal_and_job_control_definitions_match)
{
    /* The kernel's struct termios (asm/termbits.h), not glibc's, which adds speeds and has 32 c_cc. */
    SAME(sizeof(struct astra_termios), 36);
    SAME(offsetof(struct astra_termios, c_line), 16);
    SAME(offsetof(struct astra_termios, c_cc), 17);
    SAME(sizeof(struct astra_winsize), sizeof(struct winsize));
    SAME(offsetof(struct astra_winsize, ws_col), offsetof(struct winsize, ws_col));
    SAME(ASTRA_TCGETS, TCGETS); SAME(ASTRA_TCSETS, TCSETS); SAME(ASTRA_TCSETSW, TCSETSW);
    SAME(ASTRA_TCSETSF, TCSETSF); SAME(ASTRA_TCSBRK, TCSBRK); SAME(ASTRA_TCFLSH, TCFLSH);
    SAME(ASTRA_TIOCSCTTY, TIOCSCTTY); SAME(ASTRA_TIOCGPGRP, TIOCGPGRP); SAME(ASTRA_TIOCSPGRP, TIOCSPGRP);
    SAME(ASTRA_TIOCOUTQ, TIOCOUTQ); SAME(ASTRA_TIOCGWINSZ, TIOCGWINSZ); SAME(ASTRA_TIOCSWINSZ, TIOCSWINSZ);
    SAME(ASTRA_FIONREAD, FIONREAD); SAME(ASTRA_TIOCNOTTY, TIOCNOTTY); SAME(ASTRA_TIOCGSID, TIOCGSID);
    SAME(ASTRA_FIONCLEX, FIONCLEX); SAME(ASTRA_FIOCLEX, FIOCLEX);
    SAME(ASTRA_TCIFLUSH, TCIFLUSH); SAME(ASTRA_TCOFLUSH, TCOFLUSH); SAME(ASTRA_TCIOFLUSH, TCIOFLUSH);
    SAME(ASTRA_VINTR, VINTR); SAME(ASTRA_VQUIT, VQUIT); SAME(ASTRA_VERASE, VERASE); SAME(ASTRA_VKILL, VKILL);
    SAME(ASTRA_VEOF, VEOF); SAME(ASTRA_VTIME, VTIME); SAME(ASTRA_VMIN, VMIN); SAME(ASTRA_VSTART, VSTART);
    SAME(ASTRA_VSTOP, VSTOP); SAME(ASTRA_VSUSP, VSUSP); SAME(ASTRA_VEOL, VEOL); SAME(ASTRA_VREPRINT, VREPRINT);
    SAME(ASTRA_VWERASE, VWERASE); SAME(ASTRA_VLNEXT, VLNEXT); SAME(ASTRA_VEOL2, VEOL2);
    SAME(ASTRA_ISTRIP, ISTRIP); SAME(ASTRA_INLCR, INLCR); SAME(ASTRA_IGNCR, IGNCR); SAME(ASTRA_ICRNL, ICRNL);
    SAME(ASTRA_IXON, IXON); SAME(ASTRA_OPOST, OPOST); SAME(ASTRA_ONLCR, ONLCR); SAME(ASTRA_OCRNL, OCRNL);
    SAME(ASTRA_B38400, B38400); SAME(ASTRA_CS8, CS8); SAME(ASTRA_CREAD, CREAD); SAME(ASTRA_HUPCL, HUPCL);
    SAME(ASTRA_ISIG, ISIG); SAME(ASTRA_ICANON, ICANON); SAME(ASTRA_ECHO, ECHO); SAME(ASTRA_ECHOE, ECHOE);
    SAME(ASTRA_ECHOK, ECHOK); SAME(ASTRA_ECHONL, ECHONL); SAME(ASTRA_NOFLSH, NOFLSH); SAME(ASTRA_TOSTOP, TOSTOP);
    SAME(ASTRA_ECHOCTL, ECHOCTL); SAME(ASTRA_ECHOKE, ECHOKE); SAME(ASTRA_IEXTEN, IEXTEN);
    SAME(ASTRA_CLD_STOPPED, CLD_STOPPED); SAME(ASTRA_CLD_CONTINUED, CLD_CONTINUED);
    SAME(ASTRA_W_STOPCODE(SIGTSTP), W_STOPCODE(SIGTSTP)); SAME(ASTRA_W_CONTINUED, __W_CONTINUED);
}

Test(abi, appended_signal_memory_and_network_definitions_match)
{
    /* The kernel's sigaction (not glibc's): handler, flags, restorer, then a 64-bit mask. */
    SAME(sizeof(struct astra_sigaction), 32);
    SAME(offsetof(struct astra_sigaction, mask), 24);
    SAME(ASTRA_SIG_DFL, SIG_DFL); SAME(ASTRA_SIG_IGN, SIG_IGN);
    SAME(ASTRA_MREMAP_MAYMOVE, MREMAP_MAYMOVE); SAME(ASTRA_MADV_DONTNEED, MADV_DONTNEED);
    SAME(ASTRA_AF_VSOCK, AF_VSOCK); SAME(ASTRA_SOCK_RAW, SOCK_RAW);
    SAME(ASTRA_MSG_DONTWAIT, MSG_DONTWAIT);
    SAME_LAYOUT(struct astra_sockaddr_vm, struct sockaddr_vm);
    SAME_FIELD(struct astra_sockaddr_vm, struct sockaddr_vm, svm_port, svm_port);
    SAME_FIELD(struct astra_sockaddr_vm, struct sockaddr_vm, svm_cid, svm_cid);
    SAME_FIELD(struct astra_sockaddr_vm, struct sockaddr_vm, svm_flags, svm_flags);
    SAME_LAYOUT(struct astra_ip_mreq, struct ip_mreq);
    SAME_FIELD(struct astra_ip_mreq, struct ip_mreq, imr_interface, imr_interface);
    SAME_LAYOUT(struct astra_ipv6_mreq, struct ipv6_mreq);
    SAME_FIELD(struct astra_ipv6_mreq, struct ipv6_mreq, ipv6mr_interface, ipv6mr_interface);
}

Test(abi, pipe_and_signal_constants_match)
{
    SAME(ASTRA_PIPE_BUF, PIPE_BUF);
    SAME(ASTRA_SIGHUP, SIGHUP); SAME(ASTRA_SIGINT, SIGINT); SAME(ASTRA_SIGQUIT, SIGQUIT);
    SAME(ASTRA_SIGILL, SIGILL); SAME(ASTRA_SIGTRAP, SIGTRAP); SAME(ASTRA_SIGBUS, SIGBUS);
    SAME(ASTRA_SIGFPE, SIGFPE); SAME(ASTRA_SIGUSR1, SIGUSR1); SAME(ASTRA_SIGUSR2, SIGUSR2);
    SAME(ASTRA_SIGALRM, SIGALRM); SAME(ASTRA_SIGTERM, SIGTERM); SAME(ASTRA_SIGSTKFLT, SIGSTKFLT);
    SAME(ASTRA_SIGCHLD, SIGCHLD); SAME(ASTRA_SIGCONT, SIGCONT); SAME(ASTRA_SIGTSTP, SIGTSTP);
    SAME(ASTRA_SIGTTIN, SIGTTIN); SAME(ASTRA_SIGTTOU, SIGTTOU); SAME(ASTRA_SIGURG, SIGURG);
    SAME(ASTRA_SIGXCPU, SIGXCPU); SAME(ASTRA_SIGXFSZ, SIGXFSZ); SAME(ASTRA_SIGVTALRM, SIGVTALRM);
    SAME(ASTRA_SIGPROF, SIGPROF); SAME(ASTRA_SIGWINCH, SIGWINCH); SAME(ASTRA_SIGIO, SIGIO);
    SAME(ASTRA_SIGPWR, SIGPWR); SAME(ASTRA_SIGSYS, SIGSYS);
    SAME(ASTRA_NSIG, 64); /* the kernel's _NSIG (glibc's NSIG is 65) */
}

Test(abi, process_constants_and_structs_match)
{
    SAME(ASTRA_CLONE_PIDFD, CLONE_PIDFD); SAME(ASTRA_CLONE_PTRACE, CLONE_PTRACE);
    SAME(ASTRA_CLONE_VFORK, CLONE_VFORK); SAME(ASTRA_CLONE_PARENT, CLONE_PARENT);
    SAME(ASTRA_CLONE_NEWNS, CLONE_NEWNS); SAME(ASTRA_CLONE_DETACHED, CLONE_DETACHED);
    SAME(ASTRA_CLONE_UNTRACED, CLONE_UNTRACED); SAME(ASTRA_CLONE_IO, CLONE_IO); SAME(ASTRA_CSIGNAL, CSIGNAL);
    SAME(ASTRA_WNOHANG, WNOHANG); SAME(ASTRA_WUNTRACED, WUNTRACED); SAME(ASTRA_WSTOPPED, WSTOPPED);
    SAME(ASTRA_WEXITED, WEXITED); SAME(ASTRA_WCONTINUED, WCONTINUED); SAME(ASTRA_WNOWAIT, WNOWAIT);
    SAME(ASTRA___WNOTHREAD, __WNOTHREAD); SAME(ASTRA___WALL, __WALL); SAME(ASTRA___WCLONE, __WCLONE);
    SAME(ASTRA_P_ALL, P_ALL); SAME(ASTRA_P_PID, P_PID); SAME(ASTRA_P_PGID, P_PGID); SAME(ASTRA_P_PIDFD, P_PIDFD);
    SAME(ASTRA_CLD_EXITED, CLD_EXITED); SAME(ASTRA_CLD_KILLED, CLD_KILLED); SAME(ASTRA_CLD_DUMPED, CLD_DUMPED);
    SAME(ASTRA_W_EXITCODE(3), W_EXITCODE(3, 0));
    SAME(ASTRA_SA_NOCLDSTOP, SA_NOCLDSTOP); SAME(ASTRA_SA_NOCLDWAIT, SA_NOCLDWAIT);
    SAME(ASTRA_SA_SIGINFO, SA_SIGINFO); SAME(ASTRA_SA_ONSTACK, SA_ONSTACK); SAME(ASTRA_SA_RESTART, SA_RESTART);
    SAME(ASTRA_SA_NODEFER, SA_NODEFER); SAME(ASTRA_SA_RESETHAND, SA_RESETHAND);
    SAME(ASTRA_SA_RESTORER, 0x04000000); /* the kernel's; glibc does not export it */
    SAME(ASTRA_SA_EXPOSE_TAGBITS, 0x00000800); /* asm-generic/signal-defs.h; glibc does not export it */
    SAME(ASTRA_SIG_BLOCK, SIG_BLOCK); SAME(ASTRA_SIG_UNBLOCK, SIG_UNBLOCK); SAME(ASTRA_SIG_SETMASK, SIG_SETMASK);
    SAME_LAYOUT(struct astra_siginfo, siginfo_t);
    SAME_FIELD(struct astra_siginfo, siginfo_t, signo, si_signo);
    SAME_FIELD(struct astra_siginfo, siginfo_t, error, si_errno);
    SAME_FIELD(struct astra_siginfo, siginfo_t, code, si_code);
    SAME_FIELD(struct astra_siginfo, siginfo_t, pid, si_pid);
    SAME_FIELD(struct astra_siginfo, siginfo_t, uid, si_uid);
    SAME_FIELD(struct astra_siginfo, siginfo_t, status, si_status);
    SAME_FIELD(struct astra_siginfo, siginfo_t, utime, si_utime);
    SAME_FIELD(struct astra_siginfo, siginfo_t, stime, si_stime);
    SAME_LAYOUT(struct astra_rusage, struct rusage);
    SAME_FIELD(struct astra_rusage, struct rusage, ru_stime, ru_stime);
    SAME_FIELD(struct astra_rusage, struct rusage, ru_maxrss, ru_maxrss);
    SAME_FIELD(struct astra_rusage, struct rusage, ru_nivcsw, ru_nivcsw);
}

Test(abi, signal_frame_and_handler_definitions_match)
{
    SAME(ASTRA_SI_USER, SI_USER); SAME(ASTRA_SI_KERNEL, SI_KERNEL); SAME(ASTRA_SI_TKILL, SI_TKILL);
    SAME(ASTRA_SEGV_MAPERR, SEGV_MAPERR); SAME(ASTRA_SEGV_ACCERR, SEGV_ACCERR);
    SAME(ASTRA_ILL_ILLOPN, ILL_ILLOPN); SAME(ASTRA_FPE_INTDIV, FPE_INTDIV); SAME(ASTRA_BUS_ADRALN, BUS_ADRALN);
    SAME(ASTRA_SS_ONSTACK, SS_ONSTACK); SAME(ASTRA_SS_DISABLE, SS_DISABLE);
    SAME(ASTRA_SS_AUTODISARM, 1U << 31); /* linux/signal.h; glibc does not export it */
    SAME(ASTRA_MINSIGSTKSZ, 2048);       /* the kernel's; glibc's is sysconf's with _GNU_SOURCE */
    SAME_FIELD(struct astra_siginfo, siginfo_t, addr, si_addr);
    SAME_LAYOUT(struct astra_stack, stack_t);
    SAME_FIELD(struct astra_stack, stack_t, ss_flags, ss_flags);
    SAME_FIELD(struct astra_stack, stack_t, ss_size, ss_size);
    /* The kernel's sigcontext (asm/sigcontext.h, glibc's struct sigcontext) and ucontext
     * (glibc's ucontext_t matches it up to uc_sigmask, its sigset being longer). */
    SAME_LAYOUT(struct astra_sigcontext, struct sigcontext);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, r8, r8);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, rdi, rdi);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, rsp, rsp);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, rip, rip);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, eflags, eflags);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, cs, cs);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, ss, __pad0); /* glibc names it __pad0 */
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, err, err);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, trapno, trapno);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, oldmask, oldmask);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, cr2, cr2);
    SAME_FIELD(struct astra_sigcontext, struct sigcontext, fpstate, fpstate);
    SAME_FIELD(struct astra_ucontext, ucontext_t, uc_flags, uc_flags);
    SAME_FIELD(struct astra_ucontext, ucontext_t, uc_link, uc_link);
    SAME_FIELD(struct astra_ucontext, ucontext_t, uc_stack, uc_stack);
    SAME_FIELD(struct astra_ucontext, ucontext_t, uc_mcontext, uc_mcontext);
    SAME_FIELD(struct astra_ucontext, ucontext_t, uc_sigmask, uc_sigmask);
    SAME(sizeof(struct astra_rt_sigframe), 440); /* Linux's struct rt_sigframe (x86_64) */
    SAME(offsetof(struct astra_rt_sigframe, info), 312);
    SAME(ASTRA_UC_SIGCONTEXT_SS, 0x2); SAME(ASTRA_UC_STRICT_RESTORE_SS, 0x4); /* asm/ucontext.h */
}

Test(abi, access_modes_match)
{
    SAME(ASTRA_F_OK, F_OK); SAME(ASTRA_X_OK, X_OK); SAME(ASTRA_W_OK, W_OK); SAME(ASTRA_R_OK, R_OK);
}
