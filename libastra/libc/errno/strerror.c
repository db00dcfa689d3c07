#include "../internal/libc.h"

/* Linux's messages, as glibc and musl word them for the errors programs meet most; others
 * read "Unknown error N" as glibc's do. */
static const char *message(int e)
{
    switch (e) {
    case 0: return "Success";
    case EPERM: return "Operation not permitted";
    case ENOENT: return "No such file or directory";
    case ESRCH: return "No such process";
    case EINTR: return "Interrupted system call";
    case EIO: return "Input/output error";
    case ENXIO: return "No such device or address";
    case E2BIG: return "Argument list too long";
    case ENOEXEC: return "Exec format error";
    case EBADF: return "Bad file descriptor";
    case ECHILD: return "No child processes";
    case EAGAIN: return "Resource temporarily unavailable";
    case ENOMEM: return "Cannot allocate memory";
    case EACCES: return "Permission denied";
    case EFAULT: return "Bad address";
    case EBUSY: return "Device or resource busy";
    case EEXIST: return "File exists";
    case EXDEV: return "Invalid cross-device link";
    case ENODEV: return "No such device";
    case ENOTDIR: return "Not a directory";
    case EISDIR: return "Is a directory";
    case EINVAL: return "Invalid argument";
    case ENFILE: return "Too many open files in system";
    case EMFILE: return "Too many open files";
    case ENOTTY: return "Inappropriate ioctl for device";
    case ETXTBSY: return "Text file busy";
    case EFBIG: return "File too large";
    case ENOSPC: return "No space left on device";
    case ESPIPE: return "Illegal seek";
    case EROFS: return "Read-only file system";
    case EMLINK: return "Too many links";
    case EPIPE: return "Broken pipe";
    case EDOM: return "Numerical argument out of domain";
    case ERANGE: return "Numerical result out of range";
    case EDEADLK: return "Resource deadlock avoided";
    case ENAMETOOLONG: return "File name too long";
    case ENOSYS: return "Function not implemented";
    case ENOTEMPTY: return "Directory not empty";
    case ELOOP: return "Too many levels of symbolic links";
    case ENOTSOCK: return "Socket operation on non-socket";
    case EDESTADDRREQ: return "Destination address required";
    case EMSGSIZE: return "Message too long";
    case EPROTOTYPE: return "Protocol wrong type for socket";
    case ENOPROTOOPT: return "Protocol not available";
    case EPROTONOSUPPORT: return "Protocol not supported";
    case EOPNOTSUPP: return "Operation not supported";
    case EAFNOSUPPORT: return "Address family not supported by protocol";
    case EADDRINUSE: return "Address already in use";
    case EADDRNOTAVAIL: return "Cannot assign requested address";
    case ENETDOWN: return "Network is down";
    case ENETUNREACH: return "Network is unreachable";
    case ECONNABORTED: return "Software caused connection abort";
    case ECONNRESET: return "Connection reset by peer";
    case ENOBUFS: return "No buffer space available";
    case EISCONN: return "Transport endpoint is already connected";
    case ENOTCONN: return "Transport endpoint is not connected";
    case ETIMEDOUT: return "Connection timed out";
    case ECONNREFUSED: return "Connection refused";
    case EHOSTUNREACH: return "No route to host";
    case EALREADY: return "Operation already in progress";
    case EINPROGRESS: return "Operation now in progress";
    case ECANCELED: return "Operation canceled";
    default: return 0;
    }
}

/* The XSI strerror_r (what the libc crate links for musl): 0, or EINVAL for an unknown
 * number (the buffer then says "Unknown error N"), ERANGE when the text does not fit. */
int __xpg_strerror_r(int e, char *buf, size_t len)
{
    const char *m = message(e);
    char unknown[40];
    int result = 0;
    if (!m) {
        char *p = astra_libc_utoa((unsigned long)(e < 0 ? -(long)e : e), unknown + sizeof unknown - 1);
        unknown[sizeof unknown - 1] = 0;
        if (e < 0)
            *--p = '-';
        const char prefix[] = "Unknown error ";
        p -= sizeof prefix - 1;
        memcpy(p, prefix, sizeof prefix - 1);
        m = p;
        result = EINVAL;
    }
    size_t n = strlen(m);
    if (!len)
        return ERANGE;
    if (n >= len) {
        memcpy(buf, m, len - 1);
        buf[len - 1] = 0;
        return ERANGE;
    }
    memcpy(buf, m, n + 1);
    return result;
}

char *strerror(int e)
{
    static _Thread_local char buf[64];
    __xpg_strerror_r(e, buf, sizeof buf);
    return buf;
}

int strerror_r(int e, char *buf, size_t len) __attribute__((alias("__xpg_strerror_r")));
