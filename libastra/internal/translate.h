/* Translation between hermit-abi's constants and layouts (astra/hermit.h) and the syscall
 * ABI's (astra/abi.h). One function per kind, each in its area's translate.c; all of them
 * work on memory libastra owns (callers copy user memory in and out, see uaccess.h). */
#ifndef ASTRA_INTERNAL_TRANSLATE_H
#define ASTRA_INTERNAL_TRANSLATE_H

#include <astra/abi.h>
#include <astra/hermit.h>

/* ---- files and I/O (fs/translate.c) ---- */
/* Linux open flags for hermit's, or -1 when an unknown bit is set. */
int astra_open_flags_from_hermit(int32_t flags);
/* hermit's file status flags (F_GETFL) for Linux's; bits hermit has no name for are dropped. */
int32_t astra_open_flags_to_hermit(int flags);
void astra_stat_to_hermit(const struct astra_stat *in, struct hermit_stat *out);
/* Linux whence, fcntl command, eventfd flags, or -1 when hermit has no such value. */
int astra_whence_from_hermit(int32_t whence);
int astra_fcntl_cmd_from_hermit(int32_t cmd);
int astra_eventfd_flags_from_hermit(int16_t flags);
/* Linux's ioctl request for hermit's, or 0 when there is none. */
unsigned long astra_ioctl_from_hermit(int32_t cmd);

/* ---- memory (mem/translate.c) ---- */
int astra_prot_from_hermit(uint32_t prot);

/* ---- time (time/translate.c) ---- */
/* Linux clock id, or -1. */
int astra_clock_from_hermit(hermit_clockid_t clock);
/* 0, or -EINVAL for a negative time or nanoseconds outside [0, 1e9). */
int astra_timespec_from_hermit(const struct hermit_timespec *in, struct astra_timespec *out);
void astra_timespec_to_hermit(const struct astra_timespec *in, struct hermit_timespec *out);
int astra_timeval_from_hermit(const struct hermit_timeval *in, struct astra_timeval *out);
void astra_timeval_to_hermit(const struct astra_timeval *in, struct hermit_timeval *out);

/* ---- network (net/translate.c) ---- */
int astra_af_from_hermit(int32_t family);   /* -1 when unknown */
int32_t astra_af_to_hermit(int family);     /* -1 when unknown */
/* Linux socket type (with SOCK_NONBLOCK/SOCK_CLOEXEC) for hermit's, or -1. */
int astra_socktype_from_hermit(int32_t type);
int32_t astra_socktype_to_hermit(int type);
/* Linux send/recv flags for hermit's, or -1 when an unknown bit is set. */
int astra_msg_flags_from_hermit(int32_t flags);
int astra_shutdown_how_from_hermit(int32_t how);

/* Converts a hermit sockaddr of len bytes (already in libastra's memory) into out. Returns
 * the Linux length, -EAFNOSUPPORT for an unknown family or -EINVAL when len is too short. */
long astra_sockaddr_from_hermit(const void *in, size_t len, struct astra_sockaddr_storage *out);
/* Converts a Linux sockaddr of len bytes into hermit's layout, same length (the layouts differ
 * only in the first two bytes: hermit's length byte and one-byte family). */
size_t astra_sockaddr_to_hermit(const void *in, size_t len, struct hermit_sockaddr_storage *out);
/* The first two bytes of a hermit sockaddr for a Linux family and address length. */
void astra_sockaddr_header_to_hermit(uint16_t linux_family, size_t len, uint8_t header[2]);

enum astra_optval_kind {
    ASTRA_OPT_INT,      /* int, the same on both sides */
    ASTRA_OPT_TIMEVAL,  /* hermit_timeval <-> astra_timeval */
    ASTRA_OPT_LINGER,   /* the same layout */
    ASTRA_OPT_MREQ,     /* ip_mreq / ipv6_mreq, the same layouts */
};
/* Maps a hermit (level, optname) to Linux's and says how its value is laid out. Returns 0,
 * or -ENOPROTOOPT for an option hermit-abi does not define. */
int astra_sockopt_from_hermit(int32_t level, int32_t optname, int *linux_level,
                              int *linux_optname, enum astra_optval_kind *kind);

#endif
