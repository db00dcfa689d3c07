#include <astra/astra.h>

#include "../internal/net.h"
#include "../internal/syscall.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static int hex_value(char c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* One inet_aton part: "0x" hex, leading-zero octal or decimal; *end after it. */
static int parse_part(const char *s, const char **end, uint64_t *out)
{
    unsigned base = 10;
    if (!is_digit(*s))
        return 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
        if (hex_value(*s) < 0)
            return 0;
    } else if (s[0] == '0') {
        base = 8;
    }
    uint64_t v = 0;
    for (int d; (d = hex_value(*s)) >= 0 && (unsigned)d < base; s++) {
        v = v * base + (unsigned)d;
        if (v > 0xffffffffu)
            return 0;
    }
    if (base == 8 && is_digit(*s)) /* 8 or 9 in an octal part */
        return 0;
    *end = s;
    *out = v;
    return 1;
}

int astra_parse_ipv4(const char *s, uint8_t out[4])
{
    uint64_t parts[4];
    int n = 0;
    for (;;) {
        if (!parse_part(s, &s, &parts[n++]))
            return 0;
        if (*s == 0)
            break;
        if (*s != '.' || n == 4)
            return 0;
        s++;
    }
    /* The last part fills the remaining bytes: a, a.b (8.24), a.b.c (8.8.16), a.b.c.d. */
    uint64_t limit = 0xffffffffu >> (8 * (n - 1)), v = parts[n - 1];
    if (v > limit)
        return 0;
    for (int i = 0; i < n - 1; i++) {
        if (parts[i] > 255)
            return 0;
        v |= parts[i] << (24 - 8 * i);
    }
    out[0] = (uint8_t)(v >> 24);
    out[1] = (uint8_t)(v >> 16);
    out[2] = (uint8_t)(v >> 8);
    out[3] = (uint8_t)v;
    return 1;
}

/* Strict dotted quad (inet_pton's): four decimal parts <= 255 without leading zeros. */
static int parse_dotted_quad(const char *s, const char *end, uint8_t out[4])
{
    int n = 0;
    while (n < 4) {
        if (s >= end || !is_digit(*s) || (s[0] == '0' && s + 1 < end && is_digit(s[1])))
            return 0;
        unsigned v = 0;
        while (s < end && is_digit(*s) && v <= 255)
            v = v * 10 + (unsigned)(*s++ - '0');
        if (v > 255)
            return 0;
        out[n++] = (uint8_t)v;
        if (n < 4 && (s >= end || *s++ != '.'))
            return 0;
    }
    return s == end;
}

/* One group of 1 to 4 hex digits; *end after it. */
static int parse_group(const char *s, const char *end, const char **after, unsigned *out)
{
    unsigned v = 0;
    int digits = 0;
    for (; s < end && hex_value(*s) >= 0; s++, digits++)
        v = v * 16 + (unsigned)hex_value(*s);
    *after = s;
    *out = v;
    return digits >= 1 && digits <= 4;
}

int astra_parse_ipv6(const char *s, uint8_t out[16], uint32_t *scope_id)
{
    const char *end = s;
    while (*end && *end != '%')
        end++;
    *scope_id = 0;
    if (*end == '%') {
        uint64_t v = 0;
        const char *p = end + 1;
        if (!*p)
            return 0;
        for (; *p; p++) /* interface names would need the kernel's interface list */
            if (!is_digit(*p) || (v = v * 10 + (uint64_t)(*p - '0')) > 0xffffffffu)
                return 0;
        *scope_id = (uint32_t)v;
    }

    uint8_t buf[16] = { 0 };
    int filled = 0, gap = -1;
    const char *p = s;
    if (end - p >= 2 && p[0] == ':' && p[1] == ':') {
        gap = 0;
        p += 2;
    }
    while (p < end) {
        const char *after;
        unsigned v;
        if (!parse_group(p, end, &after, &v))
            return 0;
        if (after < end && *after == '.') { /* a trailing dotted quad: the last 32 bits */
            if (filled > 12 || !parse_dotted_quad(p, end, buf + filled))
                return 0;
            filled += 4;
            break;
        }
        if (filled > 14)
            return 0;
        buf[filled++] = (uint8_t)(v >> 8);
        buf[filled++] = (uint8_t)v;
        p = after;
        if (p == end)
            break;
        if (*p != ':' || ++p == end) /* a separator must be followed by something */
            return 0;
        if (*p == ':') {
            if (gap >= 0)
                return 0;
            gap = filled;
            p++;
        }
    }
    if (gap >= 0) {
        if (filled == 16)
            return 0;
        int tail = filled - gap;
        __builtin_memmove(buf + 16 - tail, buf + gap, (size_t)tail);
        __builtin_memset(buf + gap, 0, (size_t)(16 - tail - gap));
    } else if (filled != 16) {
        return 0;
    }
    __builtin_memcpy(out, buf, 16);
    return 1;
}

/* A line reader over a file read with raw system calls. */
struct line_reader {
    int fd;
    size_t start, len;
    char buf[4096];
};

/* The next line (NUL-terminated, without '\n'), or NULL at the end. Overlong lines are
 * skipped. */
static char *next_line(struct line_reader *r)
{
    for (;;) {
        for (size_t i = r->start; i < r->len; i++) {
            if (r->buf[i] == '\n') {
                char *line = r->buf + r->start;
                r->buf[i] = 0;
                r->start = i + 1;
                return line;
            }
        }
        if (r->start > 0) {
            __builtin_memmove(r->buf, r->buf + r->start, r->len - r->start);
            r->len -= r->start;
            r->start = 0;
        } else if (r->len == sizeof r->buf - 1) {
            r->len = 0; /* overlong: drop it and resynchronise at the next newline */
        }
        long n = astra_syscall3(ASTRA_NR_read, r->fd, (long)(r->buf + r->len),
                                (long)(sizeof r->buf - 1 - r->len));
        if (n <= 0) {
            if (r->len == 0)
                return 0;
            r->buf[r->len] = 0; /* a last line without '\n' */
            r->start = r->len = 0;
            return r->buf;
        }
        r->len += (size_t)n;
    }
}

/* Splits off the next whitespace-separated word, or returns NULL. */
static char *next_word(char **p)
{
    char *s = *p;
    while (is_space(*s))
        s++;
    if (!*s)
        return 0;
    char *w = s;
    while (*s && !is_space(*s))
        s++;
    if (*s)
        *s++ = 0;
    *p = s;
    return w;
}

static int equal_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

static void cut_comment(char *line)
{
    for (; *line; line++)
        if (*line == '#')
            *line = 0;
}

/* An allocated reader for path (4 KiB: too much for small thread stacks), or NULL with *err. */
static struct line_reader *open_config(const char *path, long *err)
{
    long fd = astra_syscall3(ASTRA_NR_open, (long)path, ASTRA_O_RDONLY | ASTRA_O_CLOEXEC, 0);
    if (astra_is_err(fd)) {
        *err = fd;
        return 0;
    }
    struct line_reader *r = (struct line_reader *)sys_alloc(sizeof *r, _Alignof(struct line_reader));
    if (!r) {
        astra_syscall1(ASTRA_NR_close, fd);
        *err = -ASTRA_ENOMEM;
        return 0;
    }
    r->fd = (int)fd;
    r->start = r->len = 0;
    return r;
}

static void close_config(struct line_reader *r)
{
    astra_syscall1(ASTRA_NR_close, r->fd);
    sys_free(r, sizeof *r, _Alignof(struct line_reader));
}

int astra_hosts_lookup(const char *path, const char *name, int family,
                       struct astra_host_addr *out, int max, char *canon, size_t canon_size)
{
    long err;
    struct line_reader *r = open_config(path, &err);
    if (!r)
        return (int)err;
    int count = 0;
    for (char *line; count < max && (line = next_line(r));) {
        cut_comment(line);
        char *addr = next_word(&line), *official = next_word(&line);
        if (!addr || !official)
            continue;
        int match = equal_nocase(official, name);
        for (char *alias; !match && (alias = next_word(&line));)
            match = equal_nocase(alias, name);
        if (!match)
            continue;
        struct astra_host_addr a = { 0 };
        if (astra_parse_ipv6(addr, a.bytes, &a.scope_id))
            a.family = ASTRA_AF_INET6;
        else if (astra_parse_ipv4(addr, a.bytes))
            a.family = ASTRA_AF_INET;
        else
            continue;
        if (family != ASTRA_AF_UNSPEC && family != a.family)
            continue;
        if (count == 0 && canon) {
            size_t n = 0;
            while (official[n] && n + 1 < canon_size) {
                canon[n] = official[n];
                n++;
            }
            canon[n] = 0;
        }
        out[count++] = a;
    }
    close_config(r);
    return count;
}

int astra_services_lookup(const char *path, const char *name, const char *proto)
{
    long err;
    struct line_reader *r = open_config(path, &err);
    if (!r)
        return -1;
    int port = -1;
    for (char *line; port < 0 && (line = next_line(r));) {
        cut_comment(line);
        char *service = next_word(&line), *port_proto = next_word(&line);
        if (!service || !port_proto)
            continue;
        int match = equal_nocase(service, name);
        for (char *alias; !match && (alias = next_word(&line));)
            match = equal_nocase(alias, name);
        unsigned v = 0;
        char *p = port_proto;
        while (is_digit(*p) && v <= 65535)
            v = v * 10 + (unsigned)(*p++ - '0');
        if (!match || p == port_proto || *p != '/' || v > 65535 || !equal_nocase(p + 1, proto))
            continue;
        port = (int)v;
    }
    close_config(r);
    return port;
}
