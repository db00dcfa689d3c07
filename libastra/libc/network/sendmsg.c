#include "../internal/libc.h"

/* musl's msghdr has int lengths with padding where the kernel has size_t, and a cmsghdr
 * whose 32-bit length is padded likewise: the header is copied with the padding zeroed, and
 * so are the control messages (up to 1 KiB of them). */
#define CONTROL_MAX 1024

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
    struct msghdr h = *msg;
    h.__pad1 = h.__pad2 = 0;
    _Alignas(8) unsigned char control[CONTROL_MAX];
    if (h.msg_controllen) {
        if (h.msg_controllen > sizeof control)
            return astra_libc_ret(-ENOBUFS);
        memcpy(control, h.msg_control, h.msg_controllen);
        h.msg_control = control;
        for (size_t off = 0; off + sizeof(struct cmsghdr) <= h.msg_controllen;) {
            struct cmsghdr *c = (struct cmsghdr *)(control + off);
            c->__pad1 = 0;
            if (c->cmsg_len < sizeof *c)
                break;
            off += (c->cmsg_len + 7) & ~7u;
        }
    }
    return astra_libc_ret(SYS3(sendmsg, fd, &h, flags));
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
    struct msghdr h = *msg;
    h.__pad1 = h.__pad2 = 0;
    long r = SYS3(recvmsg, fd, &h, flags);
    if (r >= 0) {
        msg->msg_namelen = h.msg_namelen;
        msg->msg_controllen = h.msg_controllen;
        msg->msg_flags = h.msg_flags;
    }
    return astra_libc_ret(r);
}
