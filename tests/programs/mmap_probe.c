/* File-backed mmap, case by case (argv[1] names the case), printing only what Linux makes
 * deterministic: bytes read through mappings and with read(2), errno names, the signal an
 * access raises (SIGBUS past the end of a file, SIGSEGV against the protection), what a
 * forked child sees. Built static against glibc and run on the Linux host (the oracle) and on
 * the Astra kernel; tests/kernel/mmap_test.c compares the outputs. Works in a directory of
 * its own under /tmp, removed at the end.
 *
 * "split" is mremap of anonymous memory that an mprotect split into several VMAs.
 *
 * "exec-text": a copy of this program runs (case "exec-child", told by the end of fd 100
 * when to end, and answering on fd 101): its code is a mapping of its file in /proc/self/maps, and while it
 * runs the file cannot be opened for writing (ETXTBSY), afterwards it can.
 *
 * "lazy-tlb": a thread pinned to CPU 1 reads a page of a file mapping and blocks; while its
 * CPU idles (on Astra it keeps the address space loaded), the main thread on CPU 0 maps the
 * file's other page over the same address; woken, the thread must read the new page, not
 * the old one its CPU's TLB still held.
 *
 * "memory" (Astra only: the host's free memory moves with everything else running) maps,
 * copies and forks over a file of 4 MiB, then unmaps and removes it, and says whether
 * MemFree came back. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

static sigjmp_buf jump;
static volatile sig_atomic_t caught;

static void on_fault(int sig)
{
    caught = sig;
    siglongjmp(jump, 1);
}

static const char *err_name(int e)
{
    switch (e) {
    case 0: return "ok";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case EACCES: return "EACCES";
    case ENODEV: return "ENODEV";
    case ENOMEM: return "ENOMEM";
    case EOVERFLOW: return "EOVERFLOW";
    case EPERM: return "EPERM";
    case EEXIST: return "EEXIST";
    case EFAULT: return "EFAULT";
    case ETXTBSY: return "ETXTBSY";
    default: return "other errno";
    }
}

static void show_result(const char *what, int r)
{
    printf("%s: %s\n", what, r == 0 ? "0" : err_name(errno));
}

/* mmap, printing the error when it fails. */
static char *map(const char *what, size_t len, int prot, int flags, int fd, off_t off)
{
    errno = 0;
    char *p = mmap(NULL, len, prot, flags, fd, off);
    if (p == MAP_FAILED) {
        printf("%s: %s\n", what, err_name(errno));
        return NULL;
    }
    printf("%s: mapped\n", what);
    return p;
}

/* One byte through a mapping, or the signal the access raised. */
static void peek(const char *what, volatile char *p)
{
    if (sigsetjmp(jump, 1)) {
        printf("%s: %s\n", what, caught == SIGBUS ? "SIGBUS" : caught == SIGSEGV ? "SIGSEGV" : "signal");
        return;
    }
    char c = *p;
    if (c >= 0x21 && c < 0x7f)
        printf("%s: '%c'\n", what, c);
    else
        printf("%s: %d\n", what, c);
}

static void poke(const char *what, volatile char *p, char v)
{
    if (sigsetjmp(jump, 1)) {
        printf("%s: %s\n", what, caught == SIGBUS ? "SIGBUS" : caught == SIGSEGV ? "SIGSEGV" : "signal");
        return;
    }
    *p = v;
    printf("%s: written\n", what);
}

/* One byte of the file with pread. */
static void file_byte(const char *what, int fd, off_t off)
{
    char c = 0;
    ssize_t n = pread(fd, &c, 1, off);
    if (n == 1)
        printf("%s: '%c'\n", what, c);
    else
        printf("%s: pread gave %zd (%s)\n", what, n, err_name(n < 0 ? errno : 0));
}

/* A file of size bytes: byte i is 'a' + its page number (mod 26). */
static int make_file(const char *name, size_t size, int flags)
{
    int fd = open(name, O_CREAT | O_TRUNC | O_RDWR, 0644);
    char page[PAGE]; /* not malloc: "memory" must not count the C library's heap */
    for (size_t at = 0; at < size; at += PAGE) {
        size_t n = size - at < PAGE ? size - at : PAGE;
        memset(page, 'a' + (int)(at / PAGE % 26), n);
        if (fd < 0 || write(fd, page, n) != (ssize_t)n) {
            printf("cannot make %s\n", name);
            exit(1);
        }
    }
    close(fd);
    return open(name, flags);
}

static void case_private(void)
{
    int fd = make_file("private", 10000, O_RDONLY);
    char *p = map("read-only private mapping of 16 KiB over a 10000-byte file", 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    if (!p)
        return;
    peek("byte 0", p);
    peek("byte 4096", p + 4096);
    peek("byte 9999 (the last)", p + 9999);
    peek("byte 10000 (past the end, in the last page)", p + 10000);
    peek("byte 12287 (the last of that page)", p + 12287);
    peek("byte 12288 (a page wholly past the end)", p + 12288);
    poke("write to the read-only mapping", p, 'x');
    munmap(p, 4 * PAGE);

    char *q = map("one page at offset 4096", PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
    if (q)
        peek("its byte 0", q), munmap(q, PAGE);
    map("an offset of 100", PAGE, PROT_READ, MAP_PRIVATE, fd, 100);
    q = map("offset 8192, length 100", 100, PROT_READ, MAP_PRIVATE, fd, 2 * PAGE);
    if (q)
        peek("its byte 1807 (the file's last)", q + 1807), peek("its byte 1808", q + 1808), munmap(q, 100);

    char *w = map("writable private mapping of a read-only descriptor", 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (!w)
        return;
    poke("write 'X' at 0", w, 'X');
    poke("write 'Y' at 9999", w + 9999, 'Y');
    poke("write 'T' at 10000 (past the end)", w + 10000, 'T');
    peek("the mapping's byte 0", w);
    file_byte("the file's byte 0", fd, 0);
    file_byte("the file's byte 9999", fd, 9999);
    struct stat st;
    fstat(fd, &st);
    printf("the file's size: %lld\n", (long long)st.st_size);

    int rw = open("private", O_RDWR);
    pwrite(rw, "Z", 1, 0);
    pwrite(rw, "Z", 1, PAGE);
    peek("after pwrite 'Z' at 0: the written page's byte 0 (a private copy)", w);
    peek("after pwrite 'Z' at 4096: the untouched page's byte 4096 (the file's)", w + PAGE);
    close(rw);

    show_result("mprotect to PROT_READ", mprotect(w, 3 * PAGE, PROT_READ));
    poke("write at 4096", w + PAGE, 'm');
    peek("byte 0 still", w);
    show_result("mprotect back to read and write", mprotect(w, 3 * PAGE, PROT_READ | PROT_WRITE));
    poke("write 'M' at 4096", w + PAGE, 'M');
    peek("byte 4096", w + PAGE);
    file_byte("the file's byte 4096", fd, PAGE);
    show_result("mprotect to PROT_NONE", mprotect(w, 3 * PAGE, PROT_NONE));
    peek("read with PROT_NONE", w);
    show_result("mprotect to PROT_READ", mprotect(w, 3 * PAGE, PROT_READ));

    show_result("munmap of the middle page", munmap(w + PAGE, PAGE));
    peek("first page", w);
    peek("middle page", w + PAGE);
    peek("last page", w + 2 * PAGE);
    munmap(w, 3 * PAGE);

    /* MAP_FIXED over anonymous memory. */
    char *a = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(a, '#', 3 * PAGE);
    char *f = mmap(a + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 2 * PAGE);
    printf("MAP_FIXED in the middle of anonymous memory: %s\n", f == a + PAGE ? "at the address" : "elsewhere");
    peek("anonymous byte before", a + PAGE - 1);
    peek("the file's page", a + PAGE);
    peek("anonymous byte after", a + 2 * PAGE);
    munmap(a, 3 * PAGE);
    close(fd);
}

static void case_shared(void)
{
    int fd = make_file("shared", 2 * PAGE + 100, O_RDWR);
    char *s = map("read-write shared mapping of 16 KiB over 8292 bytes", 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *r = map("a second, read-only, shared mapping", 4 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
    if (!s || !r)
        return;
    poke("write 'S' at 0", s, 'S');
    poke("write 'E' at 8291 (the last byte)", s + 8291, 'E');
    file_byte("pread at 0", fd, 0);
    file_byte("pread at 8291", fd, 8291);
    peek("the second mapping's byte 0", r);
    char buf[4] = { 0 };
    lseek(fd, 0, SEEK_SET);
    printf("read(2) of 3 bytes: %zd \"%s\"\n", read(fd, buf, 3), buf);
    pwrite(fd, "W", 1, PAGE);
    peek("after pwrite 'W' at 4096: the mapping's byte 4096", s + PAGE);
    peek("byte 8300 (past the end, in the last page)", s + 8300);
    peek("byte 12288 (wholly past the end)", s + 3 * PAGE);
    poke("write there", s + 3 * PAGE, '!');
    struct stat st;
    fstat(fd, &st);
    printf("the file's size: %lld\n", (long long)st.st_size);

    show_result("msync MS_SYNC", msync(s, 4 * PAGE, MS_SYNC));
    show_result("msync MS_ASYNC", msync(s, 4 * PAGE, MS_ASYNC));
    show_result("msync MS_INVALIDATE", msync(s, 4 * PAGE, MS_INVALIDATE));
    show_result("msync MS_SYNC|MS_INVALIDATE of 1 byte", msync(s, 1, MS_SYNC | MS_INVALIDATE));
    show_result("msync MS_SYNC|MS_ASYNC", msync(s, PAGE, MS_SYNC | MS_ASYNC));
    show_result("msync with flag 8", msync(s, PAGE, 8));
    show_result("msync of an unaligned address", msync(s + 1, PAGE, MS_SYNC));
    show_result("msync of length 0", msync(s, 0, MS_SYNC));
    char *hole = mmap(NULL, 3 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(hole + PAGE, PAGE);
    show_result("msync over an unmapped page", msync(hole, 3 * PAGE, MS_SYNC));
    munmap(hole, 3 * PAGE);

    show_result("ftruncate to 16384 (growing)", ftruncate(fd, 4 * PAGE));
    peek("byte 8300 (now inside)", s + 8300);
    peek("byte 12288 (now inside)", s + 3 * PAGE);
    poke("write 'G' at 12288", s + 3 * PAGE, 'G');
    file_byte("pread at 12288", fd, 3 * PAGE);
    peek("the second mapping's byte 12288", r + 3 * PAGE);

    show_result("ftruncate to 4000 (shrinking)", ftruncate(fd, 4000));
    peek("byte 3999", s + 3999);
    peek("byte 4000 (past the new end)", s + 4000);
    peek("byte 4096 (a page wholly past the new end)", s + PAGE);
    peek("the second mapping's byte 12288", r + 3 * PAGE);
    show_result("ftruncate to 8192", ftruncate(fd, 2 * PAGE));
    peek("byte 4096 (back, zero)", s + PAGE);
    poke("write 'H' at 5000", s + 5000, 'H');
    file_byte("pread at 5000", fd, 5000);

    show_result("mprotect of the shared mapping to PROT_READ", mprotect(s, 4 * PAGE, PROT_READ));
    poke("write at 0", s, 'x');
    show_result("mprotect back to read and write", mprotect(s, 4 * PAGE, PROT_READ | PROT_WRITE));
    poke("write 'K' at 0", s, 'K');
    file_byte("pread at 0", fd, 0);
    munmap(s, 4 * PAGE);
    munmap(r, 4 * PAGE);
    close(fd);

    int ro = open("shared", O_RDONLY), wo = open("shared", O_WRONLY);
    map("read-write MAP_SHARED of a read-only descriptor", PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    map("write-only MAP_SHARED of a read-only descriptor", PAGE, PROT_WRITE, MAP_SHARED, ro, 0);
    char *p = map("read-only MAP_SHARED of a read-only descriptor", PAGE, PROT_READ, MAP_SHARED, ro, 0);
    if (p) {
        peek("its byte 0", p);
        show_result("mprotect of it to read and write", mprotect(p, PAGE, PROT_READ | PROT_WRITE));
        show_result("mprotect of it to read and exec", mprotect(p, PAGE, PROT_READ | PROT_EXEC));
        munmap(p, PAGE);
    }
    p = map("read-write MAP_PRIVATE of a read-only descriptor", PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    if (p)
        munmap(p, PAGE);
    map("read-only MAP_PRIVATE of a write-only descriptor", PAGE, PROT_READ, MAP_PRIVATE, wo, 0);
    map("read-write MAP_SHARED of a write-only descriptor", PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, wo, 0);
    close(ro);
    close(wo);
}

static void case_errors(void)
{
    int fd = make_file("errors", 100, O_RDWR);
    map("descriptor -1", PAGE, PROT_READ, MAP_PRIVATE, -1, 0);
    map("descriptor 999", PAGE, PROT_READ, MAP_PRIVATE, 999, 0);
    map("length 0", 0, PROT_READ, MAP_PRIVATE, fd, 0);
    map("neither shared nor private", PAGE, PROT_READ, 0, fd, 0);
    map("offset 4095", PAGE, PROT_READ, MAP_PRIVATE, fd, 4095);
    map("offset -4096", PAGE, PROT_READ, MAP_PRIVATE, fd, -4096);
    map("bad descriptor, offset 1", PAGE, PROT_READ, MAP_PRIVATE, 999, 1);
    char *p = map("offset 1 GiB", PAGE, PROT_READ, MAP_SHARED, fd, 1L << 30);
    if (p)
        peek("its byte 0", p), munmap(p, PAGE);
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    map("a directory", PAGE, PROT_READ, MAP_PRIVATE, dir, 0);
    close(dir);
    int pipefd[2];
    pipe(pipefd);
    map("a pipe's read end", PAGE, PROT_READ, MAP_PRIVATE, pipefd[0], 0);
    map("a pipe's write end", PAGE, PROT_READ, MAP_PRIVATE, pipefd[1], 0);
    close(pipefd[0]);
    close(pipefd[1]);
    int null = open("/dev/null", O_RDWR);
    map("/dev/null", PAGE, PROT_READ, MAP_PRIVATE, null, 0);
    close(null);
    int zero = open("/dev/zero", O_RDWR);
    p = map("/dev/zero, private", 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, zero, 0);
    if (p)
        peek("its byte 5000", p + 5000), poke("write", p, 1), munmap(p, 2 * PAGE);
    close(zero);

    /* An empty file: every page is past its end. */
    int empty = open("empty", O_CREAT | O_RDWR, 0644);
    p = map("an empty file, shared", PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, empty, 0);
    if (p)
        peek("its byte 0", p), munmap(p, PAGE);
    close(empty);

    /* The kernel reading and writing through a file mapping. */
    char *s = map("shared mapping of the 100-byte file", 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (!s)
        return;
    int other = make_file("source", 50, O_RDONLY);
    printf("read(2) of 50 bytes into the mapping: %zd\n", read(other, s + 10, 50));
    peek("byte 10", s + 10);
    file_byte("the file's byte 59", fd, 59);
    lseek(other, 0, SEEK_SET);
    ssize_t n = read(other, s + PAGE, 1);
    printf("read(2) into the page past the end: %zd %s\n", n, err_name(n < 0 ? errno : 0));
    int out = open("copy", O_CREAT | O_TRUNC | O_RDWR, 0644);
    n = write(out, s + PAGE, 1);
    printf("write(2) from the page past the end: %zd %s\n", n, err_name(n < 0 ? errno : 0));
    printf("write(2) of the mapping's first 60 bytes: %zd\n", write(out, s, 60));
    file_byte("the copy's byte 59", out, 59);
    close(out);
    close(other);
    munmap(s, 2 * PAGE);
    close(fd);
}

static void case_fork(void)
{
    int fd = make_file("forked", 3 * PAGE, O_RDWR);
    char *s = map("shared mapping", 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *p = map("private mapping", 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    int zero = open("/dev/zero", O_RDWR);
    char *z = map("shared mapping of /dev/zero", PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, zero, 0);
    close(zero);
    if (!s || !p || !z)
        return;
    poke("parent writes 'P' at 0, private", p, 'P');
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        peek("child: private byte 0", p);
        peek("child: private byte 4096", p + PAGE);
        peek("child: shared byte 8192", s + 2 * PAGE);
        poke("child: writes 'C' at 0, shared", s, 'C');
        poke("child: writes 'Q' at 0 and 4096, private", p, 'Q');
        p[PAGE] = 'Q';
        poke("child: writes 'z' to /dev/zero's shared page", z, 'z');
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    printf("child exited with %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    peek("parent: shared byte 0", s);
    file_byte("parent: pread at 0", fd, 0);
    peek("parent: private byte 0", p);
    peek("parent: private byte 4096", p + PAGE);
    peek("parent: /dev/zero's shared page", z);

    /* A private page neither process wrote still follows the file. */
    pwrite(fd, "N", 1, 2 * PAGE);
    peek("parent: private byte 8192 after pwrite 'N'", p + 2 * PAGE);
    /* Forked with the parent's private copy: a write in the parent stays the parent's. */
    /* The child reads only after the parent has written (and printed): a pipe orders them. */
    int go[2];
    if (pipe(go) != 0)
        return;
    fflush(stdout);
    child = fork();
    if (child == 0) {
        char token;
        close(go[1]);
        if (read(go[0], &token, 1) != 1)
            _exit(1);
        peek("child 2: private byte 0", p);
        peek("child 2: shared byte 4096", s + PAGE);
        fflush(stdout);
        _exit(0);
    }
    close(go[0]);
    poke("parent writes 'R' at 0, private", p, 'R');
    poke("parent writes 'V' at 4096, shared", s + PAGE, 'V');
    fflush(stdout);
    if (write(go[1], "g", 1) != 1)
        printf("cannot signal child 2\n");
    close(go[1]);
    waitpid(child, &status, 0);
    munmap(s, 3 * PAGE);
    munmap(p, 3 * PAGE);
    munmap(z, PAGE);
    close(fd);
}

static void case_exec(void)
{
    /* mov eax, 42; ret */
    static const unsigned char code[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };
    int fd = open("code", O_CREAT | O_TRUNC | O_RDWR, 0755);
    write(fd, code, sizeof code);
    char *x = map("executable private mapping", PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    if (x)
        printf("calling it: %d\n", ((int (*)(void))x)());
    char *sx = map("executable shared mapping", PAGE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    char *sw = map("writable shared mapping", PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (sx && sw) {
        sw[1] = 7; /* mov eax, 7 */
        printf("calling the executable one after a write through the other: %d\n", ((int (*)(void))sx)());
        printf("calling the private one (its page is the file's): %d\n", ((int (*)(void))x)());
    }
    char *n = map("a mapping without PROT_EXEC", PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    if (n) {
        if (sigsetjmp(jump, 1))
            printf("calling it: %s\n", caught == SIGSEGV ? "SIGSEGV" : "another signal");
        else
            printf("calling it: %d\n", ((int (*)(void))n)());
    }
    close(fd);

    int self = open("/proc/self/exe", O_RDONLY);
    char *e = map("the program's own executable", PAGE, PROT_READ, MAP_PRIVATE, self, 0);
    if (e)
        printf("its first bytes: %d %c%c%c\n", e[0], e[1], e[2], e[3]);
    close(self);
}

static void case_lifetime(void)
{
    int fd = make_file("kept", 2 * PAGE, O_RDWR);
    char *s = map("shared mapping", 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *p = map("private mapping", 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (!s || !p)
        return;
    close(fd);
    show_result("unlink", unlink("kept"));
    poke("write 'U' at 0 through the shared mapping", s, 'U');
    peek("the private mapping's byte 0 (the file's page)", p);
    peek("the private mapping's byte 4096", p + PAGE);
    poke("write 'u' at 4096 through the private mapping", p + PAGE, 'u');
    peek("the shared mapping's byte 4096", s + PAGE);
    show_result("munmap of the shared mapping", munmap(s, 2 * PAGE));
    peek("the private mapping's byte 0 still", p);
    show_result("munmap of the private mapping", munmap(p, 2 * PAGE));
}

static void case_remap(void)
{
    int fd = make_file("remapped", 4 * PAGE, O_RDWR);
    char *p = map("private mapping of the first two pages", 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (!p)
        return;
    poke("write 'X' at 0", p, 'X');
    char *q = mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
    printf("mremap to four pages: %s\n", q == MAP_FAILED ? err_name(errno) : "ok");
    if (q != MAP_FAILED) {
        peek("byte 0 (the private copy)", q);
        peek("byte 4096", q + PAGE);
        peek("byte 12288 (the file's fourth page)", q + 3 * PAGE);
        show_result("madvise MADV_DONTNEED of the first page", madvise(q, PAGE, MADV_DONTNEED));
        peek("byte 0 (the file's again)", q);
        show_result("madvise MADV_WIPEONFORK", madvise(q, PAGE, MADV_WIPEONFORK));
        q = mremap(q, 4 * PAGE, PAGE, 0);
        printf("mremap down to one page: %s\n", q == MAP_FAILED ? err_name(errno) : "ok");
        if (q != MAP_FAILED)
            peek("byte 0", q), munmap(q, PAGE);
    }
    char *s = map("shared mapping of pages 2 and 3", 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * PAGE);
    if (s) {
        char *t = mremap(s, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE);
        printf("mremap to three pages: %s\n", t == MAP_FAILED ? err_name(errno) : "ok");
        if (t != MAP_FAILED) {
            poke("write 'R' at 4096", t + PAGE, 'R');
            file_byte("pread at 12288", fd, 3 * PAGE);
            peek("byte 8192 (past the end of the file)", t + 2 * PAGE);
            munmap(t, 3 * PAGE);
        }
    }
    close(fd);
}

/* Four pages of anonymous memory, 'a'..'d', whose second page an mprotect made read-only:
 * three VMAs. */
static char *split_mapping(void)
{
    char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    for (int i = 0; i < 4; i++)
        memset(p + i * PAGE, 'a' + i, PAGE);
    if (mprotect(p + PAGE, PAGE, PROT_READ)) {
        munmap(p, 4 * PAGE);
        return NULL;
    }
    return p;
}

/* What mremap answered: an errno name, or where the mapping is now. */
static void show_remap(const char *what, char *old, char *r)
{
    printf("%s: %s\n", what, r == MAP_FAILED ? err_name(errno) : r == old ? "same address" : "moved");
}

/* mremap of ranges an mprotect split into several VMAs (anonymous memory). */
static void case_split(void)
{
    char *p = split_mapping();
    if (!p)
        return;
    errno = 0;
    show_remap("grow the split range with MREMAP_MAYMOVE", p, mremap(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE));
    show_remap("grow the split range in place", p, mremap(p, 4 * PAGE, 8 * PAGE, 0));
    show_remap("the same size over the split range", p, mremap(p, 4 * PAGE, 4 * PAGE, 0));
    show_remap("the same size with MREMAP_MAYMOVE", p, mremap(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE));
    char *r = mremap(p, 4 * PAGE, 2 * PAGE, 0);
    show_remap("shrink the split range to two pages", p, r);
    peek("byte 0", p);
    peek("byte 4096 (read-only page)", p + PAGE);
    poke("write at 4096", p + PAGE, 'x');
    peek("byte 8192 (unmapped by the shrink)", p + 2 * PAGE);
    munmap(p, 4 * PAGE);

    if (!(p = split_mapping()))
        return;
    char *q = mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE);
    show_remap("grow the first VMA (one page) with MREMAP_MAYMOVE", p, q);
    if (q != MAP_FAILED) {
        peek("its byte 0", q);
        peek("its byte 4096 (new, zero)", q + PAGE);
        peek("the old byte 0", p);
        munmap(q, 2 * PAGE);
    }
    q = mremap(p + PAGE, PAGE, 3 * PAGE, MREMAP_MAYMOVE);
    show_remap("grow the read-only middle VMA with MREMAP_MAYMOVE", p + PAGE, q);
    if (q != MAP_FAILED) {
        peek("its byte 0", q);
        poke("write at its byte 0", q, 'x');
        peek("the old byte 4096", p + PAGE);
        munmap(q, 3 * PAGE);
    }
    peek("byte 8192 (untouched)", p + 2 * PAGE);
    show_remap("shrink the pages left (2 and 3) to one", p + 2 * PAGE, mremap(p + 2 * PAGE, 2 * PAGE, PAGE, 0));
    peek("byte 12288 (unmapped by the shrink)", p + 3 * PAGE);
    munmap(p, 4 * PAGE);

    if (!(p = split_mapping()))
        return;
    munmap(p + 2 * PAGE, PAGE);
    show_remap("grow from an unmapped address", p + 2 * PAGE, mremap(p + 2 * PAGE, PAGE, 2 * PAGE, MREMAP_MAYMOVE));
    show_remap("shrink from an unmapped address", p + 2 * PAGE, mremap(p + 2 * PAGE, 2 * PAGE, PAGE, 0));
    show_remap("shrink the last two VMAs across the hole", p + PAGE, mremap(p + PAGE, 3 * PAGE, PAGE, 0));
    peek("byte 12288 (unmapped by the shrink)", p + 3 * PAGE);
    munmap(p, 4 * PAGE);
}

static volatile char *tlb_page;
static int to_reader[2], from_reader[2];

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set); /* with one CPU the case still checks the mapping */
}

static void *tlb_reader(void *arg)
{
    (void)arg;
    pin(1);
    char c;
    while (read(to_reader[0], &c, 1) == 1 && c == 'r') {
        char v = tlb_page[0];
        if (write(from_reader[1], &v, 1) != 1)
            break;
    }
    return NULL;
}

static void case_lazy_tlb(void)
{
    enum { ROUNDS = 200 };
    int fd = make_file("tlb", 2 * PAGE, O_RDONLY);
    char *p = map("map page 0", PAGE, PROT_READ, MAP_SHARED, fd, 0);
    pthread_t t;
    if (!p || pipe(to_reader) || pipe(from_reader))
        return;
    tlb_page = p;
    pin(0);
    pthread_create(&t, NULL, tlb_reader, NULL);
    int stale = 0, failed = 0;
    for (int i = 0; i < ROUNDS && !failed; i++) {
        if (i && mmap(p, PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, fd, (off_t)(i % 2) * PAGE) != p) {
            printf("round %d: mmap MAP_FIXED: %s\n", i, err_name(errno));
            failed = 1;
        }
        char v = 0;
        if (write(to_reader[1], "r", 1) != 1 || read(from_reader[0], &v, 1) != 1)
            failed = 1;
        stale += v != 'a' + i % 2;
        usleep(1000); /* the reader blocks again and its CPU idles */
    }
    write(to_reader[1], "q", 1);
    pthread_join(t, NULL);
    printf("%d rounds: %d reads saw a page mapped over before the thread woke\n", ROUNDS, stale);
    munmap(p, PAGE);
    close(fd);
}

/* Whether /proc/self/maps has an executable mapping of a file whose path ends with name. */
static int code_mapped_from(const char *name)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    size_t n = strlen(name);
    while (maps && fgets(line, sizeof line, maps)) {
        size_t len = strcspn(line, "\n");
        line[len] = 0;
        if (strstr(line, " r-xp ") && len >= n && !strcmp(line + len - n, name))
            found = 1;
    }
    if (maps)
        fclose(maps);
    return found;
}

static void case_exec_child(void)
{
    printf("child: code mapped from its file: %s\n", code_mapped_from("/prog") ? "yes" : "no");
    char c = 'r';
    write(101, &c, 1);
    while (read(100, &c, 1) > 0)
        ;
}

static void open_for(const char *what, int flags)
{
    int fd = open("prog", flags);
    printf("%s: %s\n", what, fd >= 0 ? "ok" : err_name(errno));
    if (fd >= 0)
        close(fd);
}

static void case_exec_text(void)
{
    int in = open("/proc/self/exe", O_RDONLY), out = open("prog", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    char buf[PAGE];
    ssize_t n;
    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n)
            break;
    close(in);
    close(out);
    int go[2], ready[2];
    if (pipe2(go, O_CLOEXEC) || pipe2(ready, O_CLOEXEC))
        return;
    pid_t child = fork();
    if (child == 0) {
        dup2(go[0], 100); /* without O_CLOEXEC: the only ends the program keeps */
        dup2(ready[1], 101);
        execl("./prog", "prog", "exec-child", (char *)NULL);
        _exit(127);
    }
    close(go[0]);
    close(ready[1]);
    char c;
    if (read(ready[0], &c, 1) != 1)
        printf("the child did not start\n");
    open_for("open for writing while it runs", O_WRONLY);
    open_for("open with O_TRUNC while it runs", O_RDWR | O_TRUNC);
    open_for("open for reading while it runs", O_RDONLY);
    close(go[1]);
    int status;
    waitpid(child, &status, 0);
    printf("child exit status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    open_for("open for writing after it ended", O_WRONLY);
}

static long mem_free_kib(void)
{
    char text[4096] = "";
    int fd = open("/proc/meminfo", O_RDONLY);
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    char *at = n > 0 ? strstr(text, "MemFree:") : NULL;
    return at ? strtol(at + 8, NULL, 10) : -1;
}

static void memory_round(void)
{
    size_t size = 4 << 20;
    int fd = make_file("big", size, O_RDWR);
    char *s = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    long sum = 0;
    for (size_t i = 0; i < size; i += PAGE) {
        s[i] = 's';
        sum += p[i];
        if (i % (2 * PAGE) == 0)
            p[i] = 'p';
    }
    pid_t child = fork();
    if (child == 0) {
        for (size_t i = 0; i < size; i += 3 * PAGE)
            p[i] = 'c', s[i] = 'c';
        _exit(0);
    }
    waitpid(child, NULL, 0);
    munmap(s + PAGE, size / 2); /* a hole first, then the rest */
    munmap(s, size);
    close(fd);
    unlink("big");
    munmap(p, size);
    (void)sum;
}

static void case_memory(void)
{
    memory_round();
    long before = mem_free_kib();
    memory_round();
    memory_round();
    long after = mem_free_kib();
    if (after >= before - 64)
        printf("memory returned\n");
    else
        printf("memory kept: %ld KiB\n", before - after);
}

int main(int argc, char **argv)
{
    static const struct { const char *name; void (*run)(void); } cases[] = {
        { "private", case_private }, { "shared", case_shared }, { "errors", case_errors },
        { "fork", case_fork },       { "exec", case_exec },     { "lifetime", case_lifetime },
        { "remap", case_remap },     { "memory", case_memory }, { "split", case_split },
        { "lazy-tlb", case_lazy_tlb }, { "exec-text", case_exec_text }, { "exec-child", case_exec_child },
    };
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa = { 0 };
    sa.sa_handler = on_fault;
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    char dir[] = "/tmp/mmap_probe.XXXXXX";
    if (argc != 2 || !mkdtemp(dir) || chdir(dir)) {
        fprintf(stderr, "usage: mmap_probe CASE (and a writable /tmp)\n");
        return 2;
    }
    int found = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (!strcmp(argv[1], cases[i].name)) {
            found = 1;
            printf("== %s\n", cases[i].name);
            cases[i].run();
        }
    const char *names[] = { "private", "shared", "errors", "empty", "source", "copy", "forked", "code", "kept", "big", "remapped", "tlb", "prog" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(names[i]);
    chdir("/");
    rmdir(dir);
    if (!found)
        fprintf(stderr, "mmap_probe: no case %s\n", argv[1]);
    return found ? 0 : 2;
}
