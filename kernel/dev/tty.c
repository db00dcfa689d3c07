/* The console terminal: Linux's n_tty line discipline and terminal job control, for the one
 * terminal Astra has (the serial console). Input arrives at interrupt time (console.c) and is
 * edited into lines here; reads take whole lines (canonical mode) or bytes by VMIN/VTIME. */
#include <astra/abi.h>

#include "dev/console.h"
#include "dev/time.h"
#include "dev/tty.h"
#include "fs/vfs.h"
#include "lib/kstring.h"
#include "mm/uvm.h"
#include "proc/jobctl.h"
#include "proc/proc.h"
#include "proc/sched.h"

#define TTY_BUF 4096
#define EOF_MARK 0x100 /* ^D in canonical mode: ends a line and is not read */

static struct {
    struct astra_termios termios;
    struct astra_winsize winsize;
    int session;               /* the session it controls, or 0 */
    int pgrp;                  /* its foreground process group, or 0 */
    uint16_t buf[TTY_BUF];     /* input: bytes, or EOF_MARK */
    size_t head, count;        /* the oldest entry, and how many */
    size_t lines;              /* entries from head that end in a completed line (canonical) */
    int host_eof;              /* the host's input ended: reads of an empty buffer give 0 */
    int literal_next;          /* ^V came: the next byte is taken as it is */
    int output_stopped;        /* ^S came (IXON): writers wait for ^Q */
} tty;

/* Linux's default terminal (tty_std_termios), and what a raw serial line is. */
static const struct astra_termios cooked = {
    .c_iflag = ASTRA_ICRNL | ASTRA_IXON,
    .c_oflag = ASTRA_OPOST | ASTRA_ONLCR,
    .c_cflag = ASTRA_B38400 | ASTRA_CS8 | ASTRA_CREAD | ASTRA_HUPCL,
    .c_lflag = ASTRA_ISIG | ASTRA_ICANON | ASTRA_ECHO | ASTRA_ECHOE | ASTRA_ECHOK | ASTRA_ECHOCTL | ASTRA_ECHOKE |
               ASTRA_IEXTEN,
    .c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0 },
};

#define IFLAG(f) (tty.termios.c_iflag & ASTRA_##f)
#define OFLAG(f) (tty.termios.c_oflag & ASTRA_##f)
#define LFLAG(f) (tty.termios.c_lflag & ASTRA_##f)

/* Whether c is the special character cc[v] (0 disables one, as _POSIX_VDISABLE). */
static int special(unsigned c, int v) { return tty.termios.c_cc[v] && c == tty.termios.c_cc[v]; }

static unsigned parse_number(const char **s)
{
    unsigned v = 0;
    while (**s >= '0' && **s <= '9')
        v = v * 10 + (unsigned)(*(*s)++ - '0');
    return v;
}

void tty_start(struct proc *first, const char *spec)
{
    tty.termios = cooked;
    if (!spec) {
        /* A transparent line: no echo, no signals, no newline translation. */
        tty.termios.c_iflag = tty.termios.c_oflag = tty.termios.c_lflag = 0;
        return;
    }
    unsigned rows = parse_number(&spec);
    if (*spec == 'x')
        spec++;
    tty_host_resized(rows, parse_number(&spec));
    /* As a login program does before it starts a shell (setsid, TIOCSCTTY). */
    first->sid = first->pgid = first->pid;
    first->ctty = 1;
    tty.session = first->sid;
    tty.pgrp = first->pgid;
}

/* ---- output ---- */

static int output_channel(int err_channel)
{
    /* An interactive terminal is one device: everything goes to the line it types on. */
    return tty.session || !err_channel ? CHANNEL_STDOUT : CHANNEL_STDERR;
}

/* Writes with output processing (OPOST: ONLCR, OCRNL). */
static void output(const unsigned char *s, size_t n, int channel)
{
    if (!OFLAG(OPOST) || !(OFLAG(ONLCR) || OFLAG(OCRNL))) {
        console_write(channel, (const char *)s, n);
        return;
    }
    char chunk[256];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (m + 2 > sizeof chunk) {
            console_write(channel, chunk, m);
            m = 0;
        }
        if (c == '\n' && OFLAG(ONLCR))
            chunk[m++] = '\r';
        else if (c == '\r' && OFLAG(OCRNL))
            c = '\n';
        chunk[m++] = (char)c;
    }
    console_write(channel, chunk, m);
}

static void echo_str(const char *s) { output((const unsigned char *)s, strlen(s), CHANNEL_STDOUT); }

/* How many columns the echo of c took: control characters show as ^X with ECHOCTL. */
static int echo_width(unsigned c)
{
    return LFLAG(ECHOCTL) && (c < 0x20 || c == 0x7f) && c != '\t' && c != '\n' ? 2 : 1;
}

static void echo_char(unsigned c)
{
    if (!LFLAG(ECHO))
        return;
    char s[3] = { (char)c, 0, 0 };
    if (echo_width(c) == 2)
        s[0] = '^', s[1] = (char)(c ^ 0x40);
    echo_str(s);
}

/* ---- input ---- */

static uint16_t *entry(size_t i) { return &tty.buf[(tty.head + i) % TTY_BUF]; }

static void wake_readers(void) { waitq_wake_all(&vfs_events); }

static void put(uint16_t c)
{
    if (tty.count == TTY_BUF)
        return; /* as Linux: a full buffer drops what comes */
    *entry(tty.count++) = c;
}

static void complete_line(void)
{
    tty.lines = tty.count;
    wake_readers();
}

static void start_output(void)
{
    if (tty.output_stopped) {
        tty.output_stopped = 0;
        wake_readers(); /* writers wait on the same queue */
    }
}

static void flush_input(void)
{
    tty.head = tty.count = tty.lines = 0;
    tty.literal_next = 0;
}

/* The entries that can be read now. */
static size_t readable(void) { return LFLAG(ICANON) ? tty.lines : tty.count; }

/* Erases the last character of the line being typed; 0 when there is none. */
static int erase_one(void)
{
    if (tty.count == tty.lines)
        return 0;
    unsigned c = *entry(--tty.count);
    if (LFLAG(ECHO) && LFLAG(ECHOE))
        for (int i = echo_width(c); i > 0; i--)
            echo_str("\b \b");
    return 1;
}

static int is_word_char(unsigned c) { return c != ' ' && c != '\t'; }

static void erase_word(void)
{
    while (tty.count > tty.lines && !is_word_char(*entry(tty.count - 1)))
        erase_one();
    while (tty.count > tty.lines && is_word_char(*entry(tty.count - 1)))
        erase_one();
}

static void kill_line(unsigned c)
{
    if (LFLAG(ECHO) && LFLAG(ECHOK) && !(LFLAG(ECHOKE) && LFLAG(ECHOE))) {
        tty.count = tty.lines;
        echo_char(c);
        echo_str("\n");
        return;
    }
    while (erase_one())
        ;
}

static void reprint_line(unsigned c)
{
    echo_char(c);
    echo_str("\n");
    for (size_t i = tty.lines; i < tty.count; i++)
        echo_char(*entry(i));
}

static void signal_foreground(int sig)
{
    if (tty.pgrp)
        pgrp_signal(tty.pgrp, sig, (struct sig_info){ ASTRA_SI_KERNEL, 0, 0 });
}

int tty_input_room(void)
{
    /* Canonical input never waits: a full line is dropped as Linux drops it, so that the
     * special characters (^C above all) still come through. */
    return LFLAG(ICANON) || tty.count < TTY_BUF;
}

void tty_input(unsigned char byte)
{
    unsigned c = byte;
    if (tty.literal_next) {
        tty.literal_next = 0;
        if (LFLAG(ECHO))
            echo_str("\b");
        echo_char(c);
        put((uint16_t)c);
        if (!LFLAG(ICANON))
            wake_readers();
        return;
    }
    if (IFLAG(ISTRIP))
        c &= 0x7f;
    if (c == '\r') {
        if (IFLAG(IGNCR))
            return;
        if (IFLAG(ICRNL))
            c = '\n';
    } else if (c == '\n' && IFLAG(INLCR)) {
        c = '\r';
    }
    if (IFLAG(IXON)) {
        if (special(c, ASTRA_VSTART)) {
            start_output();
            return;
        }
        if (special(c, ASTRA_VSTOP)) {
            tty.output_stopped = 1;
            return;
        }
    }
    if (LFLAG(ISIG)) {
        int sig = special(c, ASTRA_VINTR) ? ASTRA_SIGINT : special(c, ASTRA_VQUIT) ? ASTRA_SIGQUIT
                : special(c, ASTRA_VSUSP) ? ASTRA_SIGTSTP : 0;
        if (sig) {
            if (!LFLAG(NOFLSH))
                flush_input();
            if (IFLAG(IXON))
                start_output();
            echo_char(c);
            signal_foreground(sig);
            return;
        }
    }
    if (LFLAG(ICANON)) {
        if (special(c, ASTRA_VERASE)) {
            erase_one();
            return;
        }
        if (special(c, ASTRA_VKILL)) {
            kill_line(c);
            return;
        }
        if (LFLAG(IEXTEN) && special(c, ASTRA_VWERASE)) {
            erase_word();
            return;
        }
        if (LFLAG(IEXTEN) && special(c, ASTRA_VREPRINT)) {
            reprint_line(c);
            return;
        }
        if (LFLAG(IEXTEN) && special(c, ASTRA_VLNEXT)) {
            tty.literal_next = 1;
            if (LFLAG(ECHO))
                echo_str("^\b");
            return;
        }
        if (special(c, ASTRA_VEOF)) {
            put(EOF_MARK);
            complete_line();
            return;
        }
        if (c == '\n' || special(c, ASTRA_VEOL) || special(c, ASTRA_VEOL2)) {
            if (LFLAG(ECHO) || (c == '\n' && LFLAG(ECHONL)))
                echo_char(c);
            put((uint16_t)c);
            complete_line();
            return;
        }
        echo_char(c);
        put((uint16_t)c);
        return;
    }
    echo_char(c);
    put((uint16_t)c);
    wake_readers();
}

void tty_input_eof(void)
{
    tty.host_eof = 1;
    wake_readers();
}

void tty_host_resized(unsigned rows, unsigned cols)
{
    struct astra_winsize ws = { (uint16_t)rows, (uint16_t)cols, 0, 0 };
    if (!memcmp(&ws, &tty.winsize, sizeof ws))
        return;
    tty.winsize = ws;
    signal_foreground(ASTRA_SIGWINCH);
}

/* ---- job control checks ---- */

static int controls(struct proc *p) { return p->ctty && tty.session && tty.session == p->sid; }

/* Linux's __tty_check_change: a process of a background group of the terminal's session
 * that reads (SIGTTIN), or changes the terminal or writes with TOSTOP (SIGTTOU), stops its
 * group, unless it ignores or blocks the signal (then a read fails with EIO and the rest go
 * on) or its group is orphaned (EIO). 0 to go on, -EIO, or -EINTR after the signal was sent
 * (the call restarts once the group continues). */
static int check_background(int sig)
{
    struct proc *p = current_proc();
    if (!controls(p) || !tty.pgrp || p->pgid == tty.pgrp)
        return 0;
    if (signal_ignored_or_blocked(sig))
        return sig == ASTRA_SIGTTIN ? -ASTRA_EIO : 0;
    if (pgrp_orphaned(p->pgid))
        return -ASTRA_EIO;
    pgrp_signal(p->pgid, sig, (struct sig_info){ ASTRA_SI_KERNEL, 0, 0 });
    return -ASTRA_EINTR;
}

/* ---- reading and writing ---- */

/* Copies one line (up to and including its end, or n bytes) out of the buffer; the serial
 * port may then give what it holds back. */
static long read_line(unsigned char *out, size_t n)
{
    size_t got = 0;
    while (got < n && tty.lines) {
        uint16_t c = *entry(0);
        tty.head = (tty.head + 1) % TTY_BUF;
        tty.count--, tty.lines--;
        if (c == EOF_MARK)
            break;
        out[got++] = (unsigned char)c;
        if (c == '\n' || special(c, ASTRA_VEOL) || special(c, ASTRA_VEOL2))
            break;
    }
    console_input_resume();
    return (long)got;
}

static long read_bytes(unsigned char *out, size_t n)
{
    size_t got = 0;
    while (got < n && tty.count) {
        out[got++] = (unsigned char)*entry(0);
        tty.head = (tty.head + 1) % TTY_BUF;
        tty.count--;
        if (tty.lines)
            tty.lines--;
    }
    console_input_resume();
    return (long)got;
}

/* How many bytes a raw read of n waits for: VMIN, at most n. */
static size_t raw_wanted(size_t n)
{
    size_t min = tty.termios.c_cc[ASTRA_VMIN];
    return min < n ? min : n;
}

/* A read of the console through an open file (kernel buffers): bytes or -errno. */
static long tty_read(struct file *f, void *buf, size_t n)
{
    long r = check_background(ASTRA_SIGTTIN);
    if (r)
        return r;
    if (!n)
        return 0;
    uint64_t deadline = 0;
    for (;;) {
        if (LFLAG(ICANON)) {
            if (tty.lines)
                return read_line(buf, n);
        } else {
            size_t want = raw_wanted(n), vtime = tty.termios.c_cc[ASTRA_VTIME];
            if (tty.count && tty.count >= want)
                return read_bytes(buf, n);
            if (!want && !vtime)
                return read_bytes(buf, n); /* VMIN 0, VTIME 0: whatever there is */
            if (vtime && (tty.count || !want)) {
                /* VTIME: the time limit for the first byte (VMIN 0), or between bytes. */
                uint64_t now = time_monotonic_ns();
                if (!deadline)
                    deadline = now + vtime * 100000000ULL;
                else if (now >= deadline)
                    return read_bytes(buf, n);
            }
        }
        if (tty.host_eof)
            return read_bytes(buf, n); /* the line typed so far, then end of file */
        if (f->flags & ASTRA_O_NONBLOCK)
            return -ASTRA_EAGAIN;
        size_t before = tty.count;
        console_input_wait_here();
        int w = waitq_sleep(&vfs_events, deadline);
        if (w == -ASTRA_EINTR)
            return -ASTRA_EINTR;
        if (tty.count != before && deadline && tty.termios.c_cc[ASTRA_VMIN])
            deadline = 0; /* a byte came: the inter-byte timer starts again */
        if ((r = check_background(ASTRA_SIGTTIN)))
            return r;
    }
}

/* err_channel: the write is the program's standard error. */
static long tty_write(struct file *f, const void *buf, size_t n, int err_channel)
{
    if (LFLAG(TOSTOP)) {
        long r = check_background(ASTRA_SIGTTOU);
        if (r)
            return r;
    }
    while (tty.output_stopped && IFLAG(IXON)) {
        if (f->flags & ASTRA_O_NONBLOCK)
            return -ASTRA_EAGAIN;
        if (waitq_sleep(&vfs_events, 0) == -ASTRA_EINTR)
            return -ASTRA_EINTR;
    }
    output(buf, n, output_channel(err_channel));
    return (long)n;
}

/* The poll events the console is ready for. */
static int tty_poll(void)
{
    int in = readable() || tty.host_eof || (!LFLAG(ICANON) && !tty.termios.c_cc[ASTRA_VMIN]);
    if (!in)
        console_input_wait_here(); /* a poller that finds nothing to read may sleep on it */
    int out = !(tty.output_stopped && IFLAG(IXON));
    return (in ? ASTRA_POLLIN | ASTRA_POLLRDNORM : 0) | (out ? ASTRA_POLLOUT | ASTRA_POLLWRNORM : 0);
}

/* open of /dev/tty: 0, or -ENXIO when the caller has no controlling terminal. */
static int tty_open_controlling(struct inode *ip, int acc)
{
    (void)ip, (void)acc;
    return controls(current_proc()) ? 0 : -ASTRA_ENXIO;
}

/* ---- the controlling terminal ---- */

/* The session loses the terminal: no process of it has it any more. */
static void detach_session(int sid)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->sid == sid)
            p->ctty = 0;
    tty.session = tty.pgrp = 0;
}

void tty_leader_exit(struct proc *p)
{
    if (!p->ctty || p->sid != p->pid || tty.session != p->sid)
        return;
    signal_foreground(ASTRA_SIGHUP);
    detach_session(p->sid);
}

/* TIOCSCTTY: the caller (a session leader without a terminal) makes the console its
 * session's; arg 1 takes it from another session (the caller is root). */
static long set_controlling(struct file *f, uint64_t arg)
{
    struct proc *p = current_proc();
    if (p->sid == p->pid && tty.session == p->sid)
        return 0;
    if (p->sid != p->pid || p->ctty)
        return -ASTRA_EPERM;
    if (tty.session) {
        if (arg != 1)
            return -ASTRA_EPERM;
        detach_session(tty.session);
    }
    (void)f; /* Linux wants a readable file only from callers without CAP_SYS_ADMIN: root has it */
    tty.session = p->sid;
    tty.pgrp = p->pgid;
    p->ctty = 1;
    return 0;
}

/* TIOCNOTTY: the caller gives its controlling terminal up; a session leader takes it from
 * its whole session, with SIGHUP and SIGCONT to the foreground group. */
static long give_up_controlling(void)
{
    struct proc *p = current_proc();
    if (!controls(p))
        return -ASTRA_ENOTTY;
    if (p->sid == p->pid) {
        int pgrp = tty.pgrp;
        detach_session(p->sid);
        if (pgrp) {
            pgrp_signal(pgrp, ASTRA_SIGHUP, (struct sig_info){ ASTRA_SI_KERNEL, 0, 0 });
            pgrp_signal(pgrp, ASTRA_SIGCONT, (struct sig_info){ ASTRA_SI_KERNEL, 0, 0 });
        }
    }
    p->ctty = 0;
    return 0;
}

/* TIOCSPGRP, in Linux's order of checks. */
static long set_foreground(uint64_t arg)
{
    struct proc *p = current_proc();
    long r = check_background(ASTRA_SIGTTOU);
    if (r)
        return r == -ASTRA_EIO ? -ASTRA_ENOTTY : r;
    int pgrp;
    if (uvm_copy_in(p->mm, &pgrp, arg, sizeof pgrp))
        return -ASTRA_EFAULT;
    if (pgrp < 0)
        return -ASTRA_EINVAL;
    if (!controls(p))
        return -ASTRA_ENOTTY;
    struct proc *member = 0;
    for (struct proc *q = proc_first(); q && !member; q = q->next)
        if (q->pgid == pgrp && q->state != PROC_ZOMBIE)
            member = q;
    if (!member)
        return -ASTRA_ESRCH;
    if (member->sid != p->sid)
        return -ASTRA_EPERM;
    tty.pgrp = pgrp;
    return 0;
}

static long set_termios(unsigned long request, uint64_t arg)
{
    long r = check_background(ASTRA_SIGTTOU);
    if (r)
        return r;
    struct astra_termios t;
    if (uvm_copy_in(current_mm(), &t, arg, sizeof t))
        return -ASTRA_EFAULT;
    if (request == ASTRA_TCSETSF)
        flush_input();
    int was_canonical = LFLAG(ICANON) != 0;
    tty.termios = t;
    if (!IFLAG(IXON))
        start_output();
    if (LFLAG(ICANON) && !was_canonical)
        tty.lines = tty.count; /* as Linux: what was typed raw becomes a line to read */
    else if (!LFLAG(ICANON))
        tty.literal_next = 0;
    wake_readers();
    return 0;
}

/* FIONREAD: what a read could take now (canonical: the completed lines, without ^D marks). */
static int input_queued(void)
{
    size_t n = readable(), marks = 0;
    for (size_t i = 0; i < n; i++)
        marks += *entry(i) == EOF_MARK;
    return (int)(n - marks);
}

static long put_int(uint64_t arg, int v)
{
    return uvm_copy_out(current_mm(), arg, &v, sizeof v) ? -ASTRA_EFAULT : 0;
}

/* A terminal ioctl on the console's open file f: result or -errno. */
static long tty_ioctl(struct file *f, unsigned long request, uint64_t arg)
{
    struct proc *p = current_proc();
    struct mm *mm = current_mm();
    long r;
    switch (request) {
    case ASTRA_TCGETS:
        return uvm_copy_out(mm, arg, &tty.termios, sizeof tty.termios) ? -ASTRA_EFAULT : 0;
    case ASTRA_TCSETS:
    case ASTRA_TCSETSW:
    case ASTRA_TCSETSF:
        return set_termios(request, arg);
    case ASTRA_TIOCGWINSZ:
        return uvm_copy_out(mm, arg, &tty.winsize, sizeof tty.winsize) ? -ASTRA_EFAULT : 0;
    case ASTRA_TIOCSWINSZ: {
        struct astra_winsize ws;
        if (uvm_copy_in(mm, &ws, arg, sizeof ws))
            return -ASTRA_EFAULT;
        if (memcmp(&ws, &tty.winsize, sizeof ws)) {
            tty.winsize = ws;
            signal_foreground(ASTRA_SIGWINCH);
        }
        return 0;
    }
    case ASTRA_TIOCGPGRP:
        if (!controls(p))
            return -ASTRA_ENOTTY;
        return put_int(arg, tty.pgrp);
    case ASTRA_TIOCSPGRP:
        return set_foreground(arg);
    case ASTRA_TIOCGSID:
        if (!controls(p) || !tty.session)
            return -ASTRA_ENOTTY;
        return put_int(arg, tty.session);
    case ASTRA_TIOCSCTTY:
        return set_controlling(f, arg);
    case ASTRA_TIOCNOTTY:
        return give_up_controlling();
    case ASTRA_FIONREAD:
        return put_int(arg, input_queued());
    case ASTRA_TIOCOUTQ:
        return put_int(arg, 0); /* output leaves at once */
    case ASTRA_TCFLSH:
        if ((r = check_background(ASTRA_SIGTTOU)))
            return r;
        if (arg > ASTRA_TCIOFLUSH)
            return -ASTRA_EINVAL;
        if (arg != ASTRA_TCOFLUSH)
            flush_input();
        return 0;
    case ASTRA_TCSBRK:
        return check_background(ASTRA_SIGTTOU); /* output is already sent; a break is nothing here */
    default:
        return -ASTRA_ENOTTY;
    }
}

/* ---- the console's files ---- */

static long tty_file_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)off;
    return tty_read(f, buf, n);
}

static long tty_file_write(struct file *f, const void *buf, size_t n, uint64_t *off)
{
    (void)off;
    return tty_write(f, buf, n, 0);
}

static long tty_file_write_err(struct file *f, const void *buf, size_t n, uint64_t *off)
{
    (void)off;
    return tty_write(f, buf, n, 1);
}

/* /dev/stdin is only read, /dev/stdout and /dev/stderr only written. */
static long stdin_write(struct file *f, const void *buf, size_t n, uint64_t *off)
{
    (void)f, (void)buf, (void)n, (void)off;
    return -ASTRA_EBADF;
}

static long stdout_read(struct file *f, void *buf, size_t n, uint64_t *off)
{
    (void)f, (void)buf, (void)n, (void)off;
    return -ASTRA_EBADF;
}

static int tty_file_poll(struct file *f)
{
    (void)f;
    return tty_poll();
}

static int stdin_poll(struct file *f)
{
    (void)f;
    return tty_poll() & (ASTRA_POLLIN | ASTRA_POLLRDNORM);
}

static int stdout_poll(struct file *f)
{
    (void)f;
    return ASTRA_POLLOUT | ASTRA_POLLWRNORM;
}

#define CONSOLE_RDEV ((5 << 8) | 1)
const struct file_ops stdin_ops = {
    .read = tty_file_read, .write = stdin_write, .poll = stdin_poll, .ioctl = tty_ioctl, .rdev = CONSOLE_RDEV,
};
const struct file_ops stdout_ops = {
    .read = stdout_read, .write = tty_file_write, .poll = stdout_poll, .ioctl = tty_ioctl, .rdev = CONSOLE_RDEV,
};
const struct file_ops stderr_ops = {
    .read = stdout_read, .write = tty_file_write_err, .poll = stdout_poll, .ioctl = tty_ioctl, .rdev = CONSOLE_RDEV,
};
const struct file_ops tty_ops = {
    .open = tty_open_controlling, .read = tty_file_read, .write = tty_file_write, .poll = tty_file_poll,
    .ioctl = tty_ioctl, .rdev = 5 << 8,
};
const struct file_ops console_ops = {
    .read = tty_file_read, .write = tty_file_write, .poll = tty_file_poll, .ioctl = tty_ioctl, .rdev = CONSOLE_RDEV,
};
