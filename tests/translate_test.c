/* Every translation between hermit-abi's values and layouts and Linux's (libastra's
 * area/translate.c), with the host's glibc headers as the oracle for the Linux side. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/vm_sockets.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <astra/hermit.h>

#include "../libastra/internal/translate.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

Test(translate_fs, every_open_flag_and_access_mode_maps_to_linuxs)
{
    static const struct { int hermit, linux_flag; } one[] = {
        { HERMIT_O_RDONLY, O_RDONLY },     { HERMIT_O_WRONLY, O_WRONLY }, { HERMIT_O_RDWR, O_RDWR },
        { HERMIT_O_CREAT, O_CREAT },       { HERMIT_O_EXCL, O_EXCL },     { HERMIT_O_TRUNC, O_TRUNC },
        { HERMIT_O_APPEND, O_APPEND },     { HERMIT_O_NONBLOCK, O_NONBLOCK },
        { HERMIT_O_DIRECTORY, O_DIRECTORY },
    };
    for (unsigned i = 0; i < COUNT(one); i++) {
        cr_expect_eq(astra_open_flags_from_hermit(one[i].hermit), one[i].linux_flag, "flag %#o", one[i].hermit);
        cr_expect_eq(astra_open_flags_to_hermit(one[i].linux_flag), one[i].hermit, "flag %#o", one[i].hermit);
    }
    int all = HERMIT_O_RDWR | HERMIT_O_CREAT | HERMIT_O_EXCL | HERMIT_O_TRUNC | HERMIT_O_APPEND |
              HERMIT_O_NONBLOCK | HERMIT_O_DIRECTORY;
    int linux_all = O_RDWR | O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_NONBLOCK | O_DIRECTORY;
    cr_expect_eq(astra_open_flags_from_hermit(all), linux_all);
    cr_expect_eq(astra_open_flags_to_hermit(linux_all), all);
}

Test(translate_fs, unknown_open_flags_and_access_mode_3_are_rejected)
{
    cr_expect_eq(astra_open_flags_from_hermit(3), -1);
    cr_expect_eq(astra_open_flags_from_hermit(HERMIT_O_RDONLY | 010), -1);
    cr_expect_eq(astra_open_flags_from_hermit(O_CLOEXEC), -1); /* not a hermit flag */
    cr_expect_eq(astra_open_flags_from_hermit(O_SYNC), -1);
    cr_expect_eq(astra_open_flags_from_hermit(-1), -1);
    /* F_GETFL's extra Linux bits (O_LARGEFILE, O_CLOEXEC) have no hermit name and vanish. */
    cr_expect_eq(astra_open_flags_to_hermit(O_WRONLY | 0100000 | O_CLOEXEC), HERMIT_O_WRONLY);
}

Test(translate_fs, whence_fcntl_eventfd_and_ioctl_values_map_to_linuxs)
{
    cr_expect_eq(astra_whence_from_hermit(HERMIT_SEEK_SET), SEEK_SET);
    cr_expect_eq(astra_whence_from_hermit(HERMIT_SEEK_CUR), SEEK_CUR);
    cr_expect_eq(astra_whence_from_hermit(HERMIT_SEEK_END), SEEK_END);
    cr_expect_eq(astra_whence_from_hermit(SEEK_DATA), -1);
    cr_expect_eq(astra_whence_from_hermit(-1), -1);

    cr_expect_eq(astra_fcntl_cmd_from_hermit(HERMIT_F_DUPFD), F_DUPFD);
    cr_expect_eq(astra_fcntl_cmd_from_hermit(HERMIT_F_GETFD), F_GETFD);
    cr_expect_eq(astra_fcntl_cmd_from_hermit(HERMIT_F_SETFD), F_SETFD);
    cr_expect_eq(astra_fcntl_cmd_from_hermit(HERMIT_F_GETFL), F_GETFL);
    cr_expect_eq(astra_fcntl_cmd_from_hermit(HERMIT_F_SETFL), F_SETFL);
    cr_expect_eq(astra_fcntl_cmd_from_hermit(F_DUPFD_CLOEXEC), -1);
    cr_expect_eq(astra_fcntl_cmd_from_hermit(F_SETLK), -1);
    cr_expect_eq(HERMIT_FD_CLOEXEC, FD_CLOEXEC);

    cr_expect_eq(astra_eventfd_flags_from_hermit(0), 0);
    cr_expect_eq(astra_eventfd_flags_from_hermit(HERMIT_EFD_SEMAPHORE), EFD_SEMAPHORE);
    cr_expect_eq(astra_eventfd_flags_from_hermit(HERMIT_EFD_NONBLOCK), EFD_NONBLOCK);
    cr_expect_eq(astra_eventfd_flags_from_hermit(HERMIT_EFD_CLOEXEC), EFD_CLOEXEC);
    cr_expect_eq(astra_eventfd_flags_from_hermit(HERMIT_EFD_SEMAPHORE | HERMIT_EFD_NONBLOCK | HERMIT_EFD_CLOEXEC),
                 EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
    cr_expect_eq(astra_eventfd_flags_from_hermit(2), -1);

    cr_expect_eq(astra_ioctl_from_hermit(HERMIT_FIONBIO), (unsigned long)FIONBIO);
    cr_expect_eq(astra_ioctl_from_hermit(FIONBIO), 0); /* Linux's number is not hermit's */
    cr_expect_eq(astra_ioctl_from_hermit(TCGETS), 0);
}

Test(translate_fs, poll_bits_and_dirent_types_are_linuxs_unchanged)
{
    cr_expect_eq(HERMIT_POLLIN, POLLIN); cr_expect_eq(HERMIT_POLLPRI, POLLPRI);
    cr_expect_eq(HERMIT_POLLOUT, POLLOUT); cr_expect_eq(HERMIT_POLLERR, POLLERR);
    cr_expect_eq(HERMIT_POLLHUP, POLLHUP); cr_expect_eq(HERMIT_POLLNVAL, POLLNVAL);
    cr_expect_eq(HERMIT_POLLRDNORM, POLLRDNORM); cr_expect_eq(HERMIT_POLLRDBAND, POLLRDBAND);
    cr_expect_eq(HERMIT_POLLWRNORM, POLLWRNORM); cr_expect_eq(HERMIT_POLLWRBAND, POLLWRBAND);
    cr_expect_eq(HERMIT_POLLRDHUP, POLLRDHUP);
    cr_expect_eq(sizeof(struct hermit_pollfd), sizeof(struct pollfd));
    cr_expect_eq(HERMIT_DT_UNKNOWN, DT_UNKNOWN); cr_expect_eq(HERMIT_DT_FIFO, DT_FIFO);
    cr_expect_eq(HERMIT_DT_CHR, DT_CHR); cr_expect_eq(HERMIT_DT_DIR, DT_DIR);
    cr_expect_eq(HERMIT_DT_BLK, DT_BLK); cr_expect_eq(HERMIT_DT_REG, DT_REG);
    cr_expect_eq(HERMIT_DT_LNK, DT_LNK); cr_expect_eq(HERMIT_DT_SOCK, DT_SOCK);
    cr_expect_eq(HERMIT_DT_WHT, DT_WHT);
    cr_expect_eq(HERMIT_S_IFMT, S_IFMT); cr_expect_eq(HERMIT_S_IFDIR, S_IFDIR);
    cr_expect_eq(HERMIT_S_IFREG, S_IFREG); cr_expect_eq(HERMIT_S_IFLNK, S_IFLNK);
    cr_expect_eq(HERMIT_S_IFCHR, S_IFCHR); cr_expect_eq(HERMIT_S_IFBLK, S_IFBLK);
    cr_expect_eq(HERMIT_S_IFIFO, S_IFIFO); cr_expect_eq(HERMIT_S_IFSOCK, S_IFSOCK);
}

Test(translate_fs, stat_keeps_every_field_of_a_real_linux_stat)
{
    struct stat st;
    cr_assert_eq(stat("/proc/self/exe", &st), 0);
    struct astra_stat ks;
    memcpy(&ks, &st, sizeof ks); /* the same layout: tests/abi_test.c */
    ks.st_atim.tv_nsec = 999999999;
    struct hermit_stat hs;
    memset(&hs, 0xa5, sizeof hs);
    astra_stat_to_hermit(&ks, &hs);
    cr_expect_eq(hs.st_dev, st.st_dev);
    cr_expect_eq(hs.st_ino, st.st_ino);
    cr_expect_eq(hs.st_nlink, st.st_nlink);
    cr_expect_eq(hs.st_mode, st.st_mode);
    cr_expect_eq(hs.st_uid, st.st_uid);
    cr_expect_eq(hs.st_gid, st.st_gid);
    cr_expect_eq(hs.st_rdev, st.st_rdev);
    cr_expect_eq(hs.st_size, st.st_size);
    cr_expect_eq(hs.st_blksize, st.st_blksize);
    cr_expect_eq(hs.st_blocks, st.st_blocks);
    cr_expect_eq(hs.st_atim.tv_sec, st.st_atim.tv_sec);
    cr_expect_eq(hs.st_atim.tv_nsec, 999999999);
    cr_expect_eq(hs.st_mtim.tv_sec, st.st_mtim.tv_sec);
    cr_expect_eq(hs.st_mtim.tv_nsec, st.st_mtim.tv_nsec);
    cr_expect_eq(hs.st_ctim.tv_sec, st.st_ctim.tv_sec);
    cr_expect_eq(hs.st_ctim.tv_nsec, st.st_ctim.tv_nsec);
}

Test(translate_mem, protection_bits_map_to_linuxs)
{
    cr_expect_eq(astra_prot_from_hermit(HERMIT_PROT_NONE), PROT_NONE);
    cr_expect_eq(astra_prot_from_hermit(HERMIT_PROT_READ), PROT_READ);
    cr_expect_eq(astra_prot_from_hermit(HERMIT_PROT_WRITE), PROT_WRITE);
    cr_expect_eq(astra_prot_from_hermit(HERMIT_PROT_EXEC), PROT_EXEC);
    cr_expect_eq(astra_prot_from_hermit(HERMIT_PROT_READ | HERMIT_PROT_WRITE | HERMIT_PROT_EXEC),
                 PROT_READ | PROT_WRITE | PROT_EXEC);
    cr_expect_eq(astra_prot_from_hermit(8), -1);
    cr_expect_eq(astra_prot_from_hermit(PROT_GROWSDOWN), -1);
}

Test(translate_time, clock_ids_map_to_linuxs_and_others_are_rejected)
{
    cr_expect_eq(astra_clock_from_hermit(HERMIT_CLOCK_REALTIME), CLOCK_REALTIME);
    cr_expect_eq(astra_clock_from_hermit(HERMIT_CLOCK_MONOTONIC), CLOCK_MONOTONIC);
    for (int c = -2; c < 16; c++)
        if (c != HERMIT_CLOCK_REALTIME && c != HERMIT_CLOCK_MONOTONIC)
            cr_expect_eq(astra_clock_from_hermit(c), -1, "clock %d", c);
}

Test(translate_time, timespec_and_timeval_convert_and_reject_out_of_range_values)
{
    struct astra_timespec ts;
    struct hermit_timespec h = { 12, 999999999 };
    cr_expect_eq(astra_timespec_from_hermit(&h, &ts), 0);
    cr_expect(ts.tv_sec == 12 && ts.tv_nsec == 999999999);
    struct hermit_timespec bad[] = { { -1, 0 }, { 0, -1 }, { 0, 1000000000 }, { INT64_MIN, 5 } };
    for (unsigned i = 0; i < COUNT(bad); i++)
        cr_expect_eq(astra_timespec_from_hermit(&bad[i], &ts), -ASTRA_EINVAL, "case %u", i);
    struct astra_timespec k = { 1700000000, 123456789 };
    struct hermit_timespec back;
    astra_timespec_to_hermit(&k, &back);
    cr_expect(back.tv_sec == 1700000000 && back.tv_nsec == 123456789);

    struct astra_timeval tv;
    struct hermit_timeval hv = { 3, 999999 };
    cr_expect_eq(astra_timeval_from_hermit(&hv, &tv), 0);
    cr_expect(tv.tv_sec == 3 && tv.tv_usec == 999999);
    struct hermit_timeval badv[] = { { -1, 0 }, { 0, -1 }, { 0, 1000000 } };
    for (unsigned i = 0; i < COUNT(badv); i++)
        cr_expect_eq(astra_timeval_from_hermit(&badv[i], &tv), -ASTRA_EINVAL, "case %u", i);
    struct astra_timeval kv = { 7, 250000 };
    struct hermit_timeval backv;
    astra_timeval_to_hermit(&kv, &backv);
    cr_expect(backv.tv_sec == 7 && backv.tv_usec == 250000);
}

Test(translate_net, address_families_map_both_ways)
{
    static const struct { int hermit, linux_af; } map[] = {
        { HERMIT_AF_UNSPEC, AF_UNSPEC }, { HERMIT_AF_INET, AF_INET },
        { HERMIT_AF_INET6, AF_INET6 },   { HERMIT_AF_VSOCK, AF_VSOCK },
    };
    for (unsigned i = 0; i < COUNT(map); i++) {
        cr_expect_eq(astra_af_from_hermit(map[i].hermit), map[i].linux_af);
        cr_expect_eq(astra_af_to_hermit(map[i].linux_af), map[i].hermit);
    }
    cr_expect_eq(astra_af_from_hermit(AF_INET6), -1); /* 10: not a hermit family */
    cr_expect_eq(astra_af_from_hermit(4), -1);
    cr_expect_eq(astra_af_to_hermit(AF_UNIX), -1);
    cr_expect_eq(astra_af_to_hermit(AF_NETLINK), -1);
}

Test(translate_net, socket_types_and_their_flags_map_both_ways)
{
    static const struct { int hermit, linux_type; } map[] = {
        { HERMIT_SOCK_STREAM, SOCK_STREAM },
        { HERMIT_SOCK_DGRAM, SOCK_DGRAM },
        { HERMIT_SOCK_STREAM | HERMIT_SOCK_NONBLOCK, SOCK_STREAM | SOCK_NONBLOCK },
        { HERMIT_SOCK_DGRAM | HERMIT_SOCK_CLOEXEC, SOCK_DGRAM | SOCK_CLOEXEC },
        { HERMIT_SOCK_STREAM | HERMIT_SOCK_NONBLOCK | HERMIT_SOCK_CLOEXEC,
          SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC },
    };
    for (unsigned i = 0; i < COUNT(map); i++) {
        cr_expect_eq(astra_socktype_from_hermit(map[i].hermit), map[i].linux_type, "case %u", i);
        cr_expect_eq(astra_socktype_to_hermit(map[i].linux_type), map[i].hermit, "case %u", i);
    }
    cr_expect_eq(astra_socktype_from_hermit(SOCK_RAW), -1);
    cr_expect_eq(astra_socktype_from_hermit(HERMIT_SOCK_STREAM | SOCK_CLOEXEC), -1); /* Linux's bit */
    cr_expect_eq(astra_socktype_from_hermit(0), -1);
    cr_expect_eq(astra_socktype_to_hermit(SOCK_SEQPACKET), -1);
}

Test(translate_net, message_flags_and_shutdown_modes_map_to_linuxs)
{
    cr_expect_eq(astra_msg_flags_from_hermit(0), 0);
    cr_expect_eq(astra_msg_flags_from_hermit(HERMIT_MSG_PEEK), MSG_PEEK);
    cr_expect_eq(astra_msg_flags_from_hermit(MSG_PEEK), -1); /* 2 is not a hermit flag */
    cr_expect_eq(astra_msg_flags_from_hermit(MSG_DONTWAIT), -1);
    cr_expect_eq(astra_shutdown_how_from_hermit(HERMIT_SHUT_RD), SHUT_RD);
    cr_expect_eq(astra_shutdown_how_from_hermit(HERMIT_SHUT_WR), SHUT_WR);
    cr_expect_eq(astra_shutdown_how_from_hermit(HERMIT_SHUT_RDWR), SHUT_RDWR);
    cr_expect_eq(astra_shutdown_how_from_hermit(3), -1);
    cr_expect_eq(astra_shutdown_how_from_hermit(-1), -1);
}

Test(translate_net, an_ipv4_sockaddr_converts_to_what_glibc_builds)
{
    struct hermit_sockaddr_in h = { .sin_len = 0, .sin_family = HERMIT_AF_INET, .sin_port = htons(8080) };
    inet_pton(AF_INET, "192.0.2.33", &h.sin_addr);
    struct sockaddr_in expected = { .sin_family = AF_INET, .sin_port = htons(8080) };
    inet_pton(AF_INET, "192.0.2.33", &expected.sin_addr);
    struct astra_sockaddr_storage out;
    cr_assert_eq(astra_sockaddr_from_hermit(&h, sizeof h, &out), (long)sizeof expected);
    cr_expect_arr_eq(&out, &expected, sizeof expected);

    struct hermit_sockaddr_storage back;
    cr_assert_eq(astra_sockaddr_to_hermit(&expected, sizeof expected, &back), sizeof expected);
    struct hermit_sockaddr_in *b = (struct hermit_sockaddr_in *)&back;
    cr_expect_eq(b->sin_len, sizeof(struct hermit_sockaddr_in));
    cr_expect_eq(b->sin_family, HERMIT_AF_INET);
    cr_expect_eq(b->sin_port, htons(8080));
    cr_expect_arr_eq(&b->sin_addr, &expected.sin_addr, 4);
}

Test(translate_net, an_ipv6_sockaddr_keeps_port_flowinfo_address_and_scope)
{
    struct hermit_sockaddr_in6 h = { .sin6_family = HERMIT_AF_INET6, .sin6_port = htons(443),
                                     .sin6_flowinfo = htonl(0x12345), .sin6_scope_id = 7 };
    inet_pton(AF_INET6, "2001:db8::1:2", &h.sin6_addr);
    struct sockaddr_in6 expected = { .sin6_family = AF_INET6, .sin6_port = htons(443),
                                     .sin6_flowinfo = htonl(0x12345), .sin6_scope_id = 7 };
    inet_pton(AF_INET6, "2001:db8::1:2", &expected.sin6_addr);
    struct astra_sockaddr_storage out;
    cr_assert_eq(astra_sockaddr_from_hermit(&h, sizeof h, &out), (long)sizeof expected);
    cr_expect_arr_eq(&out, &expected, sizeof expected);

    struct hermit_sockaddr_storage back;
    cr_assert_eq(astra_sockaddr_to_hermit(&expected, sizeof expected, &back), sizeof expected);
    struct hermit_sockaddr_in6 *b = (struct hermit_sockaddr_in6 *)&back;
    cr_expect_eq(b->sin6_len, sizeof(struct hermit_sockaddr_in6));
    cr_expect_eq(b->sin6_family, HERMIT_AF_INET6);
    cr_expect_arr_eq((char *)b + 2, (char *)&expected + 2, sizeof expected - 2);
}

Test(translate_net, a_vsock_sockaddr_converts_to_linuxs)
{
    struct hermit_sockaddr_vm h = { .svm_family = HERMIT_AF_VSOCK, .svm_port = 1234, .svm_cid = HERMIT_VMADDR_CID_HOST };
    struct sockaddr_vm expected = { .svm_family = AF_VSOCK, .svm_port = 1234, .svm_cid = VMADDR_CID_HOST };
    struct astra_sockaddr_storage out;
    cr_assert_eq(astra_sockaddr_from_hermit(&h, sizeof h, &out), (long)sizeof expected);
    cr_expect_arr_eq(&out, &expected, sizeof expected);
    cr_expect_eq(HERMIT_VMADDR_CID_ANY, VMADDR_CID_ANY);
    cr_expect_eq(HERMIT_VMADDR_CID_HYPERVISOR, VMADDR_CID_HYPERVISOR);
    cr_expect_eq(HERMIT_VMADDR_CID_LOCAL, VMADDR_CID_LOCAL);
}

Test(translate_net, short_or_unknown_sockaddrs_are_rejected)
{
    struct hermit_sockaddr_in6 h = { .sin6_family = HERMIT_AF_INET6 };
    struct astra_sockaddr_storage out;
    cr_expect_eq(astra_sockaddr_from_hermit(&h, sizeof h - 1, &out), -ASTRA_EINVAL);
    cr_expect_eq(astra_sockaddr_from_hermit(&h, 1, &out), -ASTRA_EINVAL);
    cr_expect_eq(astra_sockaddr_from_hermit(&h, 0, &out), -ASTRA_EINVAL);
    struct hermit_sockaddr_in in = { .sin_family = HERMIT_AF_INET };
    cr_expect_eq(astra_sockaddr_from_hermit(&in, sizeof in - 1, &out), -ASTRA_EINVAL);
    in.sin_family = AF_INET; /* Linux's 2 is hermit's AF_VSOCK, whose address is 16 bytes too */
    cr_expect_eq(astra_sockaddr_from_hermit(&in, sizeof in, &out), 16);
    cr_expect_eq(out.ss_family, AF_VSOCK);
    in.sin_family = 9;
    cr_expect_eq(astra_sockaddr_from_hermit(&in, sizeof in, &out), -ASTRA_EAFNOSUPPORT);
    in.sin_family = HERMIT_AF_UNSPEC;
    cr_expect_eq(astra_sockaddr_from_hermit(&in, sizeof in, &out), -ASTRA_EAFNOSUPPORT);
}

Test(translate_net, a_sockaddr_header_has_the_length_byte_and_hermits_family)
{
    uint8_t h[2];
    astra_sockaddr_header_to_hermit(AF_INET, 16, h);
    cr_expect(h[0] == 16 && h[1] == HERMIT_AF_INET);
    astra_sockaddr_header_to_hermit(AF_INET6, 28, h);
    cr_expect(h[0] == 28 && h[1] == HERMIT_AF_INET6);
    astra_sockaddr_header_to_hermit(AF_UNIX, 110, h);
    cr_expect(h[0] == 110 && h[1] == HERMIT_AF_UNSPEC);
    astra_sockaddr_header_to_hermit(AF_INET, 300, h);
    cr_expect_eq(h[0], 255);
}

Test(translate_net, every_socket_option_maps_to_linuxs_level_name_and_layout)
{
    static const struct { int level, name, linux_level, linux_name; enum astra_optval_kind kind; } map[] = {
        { HERMIT_SOL_SOCKET, HERMIT_SO_REUSEADDR, SOL_SOCKET, SO_REUSEADDR, ASTRA_OPT_INT },
        { HERMIT_SOL_SOCKET, HERMIT_SO_KEEPALIVE, SOL_SOCKET, SO_KEEPALIVE, ASTRA_OPT_INT },
        { HERMIT_SOL_SOCKET, HERMIT_SO_BROADCAST, SOL_SOCKET, SO_BROADCAST, ASTRA_OPT_INT },
        { HERMIT_SOL_SOCKET, HERMIT_SO_LINGER, SOL_SOCKET, SO_LINGER, ASTRA_OPT_LINGER },
        { HERMIT_SOL_SOCKET, HERMIT_SO_SNDBUF, SOL_SOCKET, SO_SNDBUF, ASTRA_OPT_INT },
        { HERMIT_SOL_SOCKET, HERMIT_SO_RCVBUF, SOL_SOCKET, SO_RCVBUF, ASTRA_OPT_INT },
        { HERMIT_SOL_SOCKET, HERMIT_SO_SNDTIMEO, SOL_SOCKET, SO_SNDTIMEO, ASTRA_OPT_TIMEVAL },
        { HERMIT_SOL_SOCKET, HERMIT_SO_RCVTIMEO, SOL_SOCKET, SO_RCVTIMEO, ASTRA_OPT_TIMEVAL },
        { HERMIT_SOL_SOCKET, HERMIT_SO_ERROR, SOL_SOCKET, SO_ERROR, ASTRA_OPT_INT },
        { HERMIT_IPPROTO_TCP, HERMIT_TCP_NODELAY, IPPROTO_TCP, TCP_NODELAY, ASTRA_OPT_INT },
        { HERMIT_IPPROTO_IP, HERMIT_IP_TOS, IPPROTO_IP, IP_TOS, ASTRA_OPT_INT },
        { HERMIT_IPPROTO_IP, HERMIT_IP_TTL, IPPROTO_IP, IP_TTL, ASTRA_OPT_INT },
        { HERMIT_IPPROTO_IP, HERMIT_IP_MULTICAST_TTL, IPPROTO_IP, IP_MULTICAST_TTL, ASTRA_OPT_INT },
        { HERMIT_IPPROTO_IP, HERMIT_IP_MULTICAST_LOOP, IPPROTO_IP, IP_MULTICAST_LOOP, ASTRA_OPT_INT },
        { HERMIT_IPPROTO_IP, HERMIT_IP_ADD_MEMBERSHIP, IPPROTO_IP, IP_ADD_MEMBERSHIP, ASTRA_OPT_MREQ },
        { HERMIT_IPPROTO_IP, HERMIT_IP_DROP_MEMBERSHIP, IPPROTO_IP, IP_DROP_MEMBERSHIP, ASTRA_OPT_MREQ },
        { HERMIT_IPPROTO_IPV6, HERMIT_IPV6_ADD_MEMBERSHIP, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, ASTRA_OPT_MREQ },
        { HERMIT_IPPROTO_IPV6, HERMIT_IPV6_DROP_MEMBERSHIP, IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, ASTRA_OPT_MREQ },
        { HERMIT_IPPROTO_IPV6, HERMIT_IPV6_MULTICAST_LOOP, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, ASTRA_OPT_INT },
        { HERMIT_IPPROTO_IPV6, HERMIT_IPV6_V6ONLY, IPPROTO_IPV6, IPV6_V6ONLY, ASTRA_OPT_INT },
    };
    for (unsigned i = 0; i < COUNT(map); i++) {
        int level = -1, name = -1;
        enum astra_optval_kind kind = -1;
        cr_expect_eq(astra_sockopt_from_hermit(map[i].level, map[i].name, &level, &name, &kind), 0, "case %u", i);
        cr_expect(level == map[i].linux_level && name == map[i].linux_name && kind == map[i].kind,
                  "case %u: level %d name %d kind %d", i, level, name, (int)kind);
    }
    int level, name;
    enum astra_optval_kind kind;
    cr_expect_eq(astra_sockopt_from_hermit(SOL_SOCKET, SO_REUSEADDR, &level, &name, &kind), -ASTRA_ENOPROTOOPT);
    cr_expect_eq(astra_sockopt_from_hermit(HERMIT_SOL_SOCKET, SO_REUSEADDR, &level, &name, &kind), -ASTRA_ENOPROTOOPT);
    cr_expect_eq(astra_sockopt_from_hermit(HERMIT_IPPROTO_TCP, 2, &level, &name, &kind), -ASTRA_ENOPROTOOPT);
    /* The layouts passed through unchanged are Linux's. */
    cr_expect_eq(sizeof(struct hermit_linger), sizeof(struct linger));
    cr_expect_eq(sizeof(struct hermit_ip_mreq), sizeof(struct ip_mreq));
    cr_expect_eq(sizeof(struct hermit_ipv6_mreq), sizeof(struct ipv6_mreq));
    cr_expect_eq(sizeof(struct hermit_timeval), sizeof(struct timeval));
}
