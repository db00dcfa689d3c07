/* The tracer's records, one text line each, numbers in hexadecimal:
 *   E pid tid nr a0 ... [i:s:HEX | i:S:HEX | i:b:HEX]...   at entry (the call's arguments)
 *   X pid tid nr result [i:b:HEX]                                      at exit
 * i is an argument's index; s is a whole string, S a string cut at STRING_CAP bytes, b the
 * first bytes of a buffer (at most BYTES_CAP; the length is in the arguments or the result)
 * or of a struct (at most STRUCT_CAP).
 * What to copy comes from the table (syscall_trace.h). A pointer the program got wrong is
 * only shown as its value: the call itself reports the fault. Entry and exit are separate
 * records because some calls never return (exit, a successful execve) and others sleep
 * while other threads make calls. */
#include <astra/abi.h>

#include "dev/console.h"
#include "proc/proc.h"
#include "syscall/strace.h"
#include "syscall_trace.h"
#include "mm/uvm.h"

#define STRING_CAP 256
#define BYTES_CAP 32
#define STRUCT_CAP 256
#define RECORD_MAX (128 + 3 * (2 * STRING_CAP + 8))

int strace_enabled;

struct record {
    char text[RECORD_MAX];
    size_t len;
};

static void put_char(struct record *r, char c)
{
    if (r->len < RECORD_MAX - 1)
        r->text[r->len++] = c;
}

static void put_hex(struct record *r, uint64_t v)
{
    char digits[16];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    put_char(r, ' ');
    while (n)
        put_char(r, digits[--n]);
}

/* Appends " i:kind:HEX" with the n bytes at user address uaddr, or nothing if unreadable. */
static void put_user_bytes(struct record *r, int i, char kind, uint64_t uaddr, size_t n)
{
    unsigned char buf[2 * STRING_CAP];
    if (n > sizeof buf || uvm_copy_in(current_mm(), buf, uaddr, n) < 0)
        return;
    put_char(r, ' ');
    put_char(r, (char)('0' + i));
    put_char(r, ':');
    put_char(r, kind);
    put_char(r, ':');
    for (size_t k = 0; k < n; k++) {
        put_char(r, "0123456789abcdef"[buf[k] >> 4]);
        put_char(r, "0123456789abcdef"[buf[k] & 15]);
    }
}

static void put_string(struct record *r, int i, uint64_t uaddr)
{
    long len = uvm_string_length(current_mm(), uaddr, STRING_CAP);
    if (len >= 0)
        put_user_bytes(r, i, len == STRING_CAP ? 'S' : 's', uaddr, (size_t)len);
}

static void put_struct(struct record *r, int i, uint64_t nr, uint64_t uaddr)
{
    size_t size = strace_struct_sizes[nr][i];
    if (uaddr)
        put_user_bytes(r, i, 'b', uaddr, size < STRUCT_CAP ? size : STRUCT_CAP);
}

static void start_record(struct record *r, char type, uint64_t nr)
{
    struct thread *t = current_thread();
    r->len = 0;
    put_char(r, type);
    put_hex(r, (uint64_t)t->proc->pid);
    put_hex(r, (uint64_t)t->tid);
    put_hex(r, nr);
}

static void end_record(struct record *r)
{
    put_char(r, '\n');
    console_trace_write(r->text, r->len);
}

static const unsigned char *kinds_of(uint64_t nr)
{
    static const unsigned char none[6];
    return nr < STRACE_TABLE_SIZE ? strace_kinds[nr] : none;
}

void strace_enter(uint64_t nr, const uint64_t args[6])
{
    struct record r;
    const unsigned char *kinds = kinds_of(nr);
    start_record(&r, 'E', nr);
    /* A number outside the table shows all six argument registers. */
    int argc = nr < STRACE_TABLE_SIZE && strace_argc_plus_one[nr] ? strace_argc_plus_one[nr] - 1 : 6;
    for (int i = 0; i < argc; i++)
        put_hex(&r, args[i]);
    for (int i = 0; i < 6; i++) {
        if (kinds[i] == STRACE_STRING)
            put_string(&r, i, args[i]);
        else if (kinds[i] == STRACE_IN && i < 5)
            put_user_bytes(&r, i, 'b', args[i], args[i + 1] < BYTES_CAP ? args[i + 1] : BYTES_CAP);
        else if (kinds[i] == STRACE_STRUCT_IN)
            put_struct(&r, i, nr, args[i]);
    }
    end_record(&r);
}

void strace_exit(uint64_t nr, const uint64_t args[6], long result)
{
    struct record r;
    const unsigned char *kinds = kinds_of(nr);
    start_record(&r, 'X', nr);
    put_hex(&r, (uint64_t)result);
    for (int i = 0; i < 6; i++) {
        if (kinds[i] == STRACE_OUT && result > 0)
            put_user_bytes(&r, i, 'b', args[i], (uint64_t)result < BYTES_CAP ? (size_t)result : BYTES_CAP);
        else if (kinds[i] == STRACE_STRUCT_OUT && result >= 0)
            put_struct(&r, i, nr, args[i]);
    }
    end_record(&r);
}
