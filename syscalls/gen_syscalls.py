#!/usr/bin/env python3
"""Generates everything derived from syscalls.tbl.

  gen_syscalls.py nr-header TABLE OUT            libastra's numbers (astra/syscall_nr.h)
  gen_syscalls.py docs TABLE OUT SOURCE...       the reference document (docs/syscalls.md)
  gen_syscalls.py kernel-table TABLE OUT         X(number, name, argc) list of every syscall
  gen_syscalls.py kernel-dispatch TABLE OUT      the kernel's dispatch table
  gen_syscalls.py kernel-trace TABLE OUT         what the kernel's tracer copies per argument
  gen_syscalls.py arg-kinds TABLE OUT            the kind of each argument, for the syscall fuzzer
"""
import os
import re
import sys


# Flags a line may end with, in brackets: "[nolock]".
FLAGS = {
    # The dispatcher runs it without the big kernel lock (kernel/syscall.c): its ksys_
    # function reads only what no other CPU changes while the caller runs, or reads it
    # atomically, and it sleeps, allocates and writes nothing shared.
    'nolock',
}
FLAGS_AT_END = re.compile(r'\s*\[([\w, ]*)\]$')


def read_table(path, flags=None):
    """[(number, name, [argument declarations])], by number. When flags is a dict, it also
    gets name -> the set of flags of each syscall that has some."""
    entries, seen_nr, seen_name = [], set(), set()
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            m = FLAGS_AT_END.search(line)
            line_flags = set()
            if m:
                line_flags = {x.strip() for x in m.group(1).split(',') if x.strip()}
                line = line[:m.start()]
                if line_flags - FLAGS:
                    sys.exit(f"{path}:{lineno}: unknown flag {sorted(line_flags - FLAGS)[0]}")
            parts = line.split(None, 2)
            if len(parts) < 3:
                sys.exit(f"{path}:{lineno}: expected 'number name arguments'")
            nr, name, args = int(parts[0]), parts[1], parts[2].strip()
            if nr in seen_nr or name in seen_name:
                sys.exit(f"{path}:{lineno}: duplicate syscall {nr} {name}")
            seen_nr.add(nr)
            seen_name.add(name)
            arglist = [] if args == 'void' else [a.strip() for a in args.split(',')]
            if len(arglist) > 6:
                sys.exit(f"{path}:{lineno}: {name} has more than 6 arguments")
            entries.append((nr, name, arglist))
            if flags is not None and line_flags:
                flags[name] = line_flags
    return sorted(entries)


def write_if_changed(path, text):
    if os.path.exists(path):
        with open(path) as f:
            if f.read() == text:
                return
    with open(path, 'w') as f:
        f.write(text)


def nr_header(entries):
    out = ["/* Generated from syscalls/syscalls.tbl by gen_syscalls.py. Do not edit. */",
           "#ifndef ASTRA_SYSCALL_NR_H", "#define ASTRA_SYSCALL_NR_H", ""]
    for nr, name, _ in entries:
        out.append(f"#define ASTRA_NR_{name} {nr}")
    out += ["", f"#define ASTRA_NR_COUNT {entries[-1][0] + 1}", "", "#endif", ""]
    return "\n".join(out)


FUNC_START = re.compile(r'^(static\s+)?(?:[A-Za-z_][\w\t \*]*?[\s\*])([A-Za-z_]\w*)\s*\(')
ASM_GLOBAL = re.compile(r'^\s*\.globl\s+(\w+)', re.M)
NR_USE = re.compile(r'\bASTRA_NR_(\w+)')
IDENT = re.compile(r'\b[A-Za-z_]\w*\b')
KEYWORDS = {'if', 'while', 'for', 'switch', 'return', 'sizeof'}


def functions_of(path):
    """Yields (name, is_public, body) for each function defined in a C or assembly file."""
    with open(path) as f:
        text = f.read()
    if path.endswith('.S'):
        for name in ASM_GLOBAL.findall(text):
            yield name, True, text
        return
    lines = text.split('\n')
    i = 0
    while i < len(lines):
        m = FUNC_START.match(lines[i])
        if not m or m.group(2) in KEYWORDS or lines[i].rstrip().endswith(';'):
            i += 1
            continue
        depth, body, j, opened = 0, [], i, False
        while j < len(lines):
            body.append(lines[j])
            depth += lines[j].count('{') - lines[j].count('}')
            opened = opened or '{' in lines[j]
            if lines[j].rstrip().endswith(';') and not opened:
                break  # a prototype spread over several lines
            if opened and depth == 0:
                yield m.group(2), not m.group(1), '\n'.join(body)
                break
            j += 1
        i = j + 1


def syscall_closure(direct, callees):
    """name -> every syscall the function makes, directly or through the functions it calls.
    A fixed point: call cycles and Python's (randomized) set order cannot change the answer."""
    closure = {n: set(d) for n, d in direct.items()}
    changed = True
    while changed:
        changed = False
        for n in sorted(closure):
            for c in sorted(callees[n] & closure.keys()):
                if not closure[c] <= closure[n]:
                    closure[n] |= closure[c]
                    changed = True
    return closure


def users_by_syscall(sources):
    """Maps a syscall name to the public libastra/crt0 functions that invoke it, directly or
    through the functions they call."""
    funcs = {}
    for src in sources:
        for name, public, body in functions_of(src):
            funcs[name] = (public, set(NR_USE.findall(body)), set(IDENT.findall(body)) - {name})
    closure = syscall_closure({n: f[1] for n, f in funcs.items()}, {n: f[2] for n, f in funcs.items()})
    users = {}
    for name, (public, _, _) in funcs.items():
        if public:
            for sc in closure[name]:
                users.setdefault(sc, set()).add(name)
    return users


def docs(entries, sources):
    users = users_by_syscall(sources)
    out = ["# Astra system calls", "",
           "Generated from `syscalls/syscalls.tbl` by `syscalls/gen_syscalls.py`; "
           "a test fails when this file is stale (`ninja -C build update-docs` refreshes it).", "",
           "Numbers, registers (`syscall`; rax, rdi, rsi, rdx, r10, r8, r9) and layouts are "
           "Linux x86_64's. A result in [-4095, -1] is `-errno`. Structs and constants are in "
           "`syscalls/include/astra/abi.h`.", "",
           "| nr | name | arguments | used by (libastra, crt0) |",
           "| --: | --- | --- | --- |"]
    for nr, name, args in entries:
        used = ", ".join(f"`{u}`" for u in sorted(users.get(name, ()))) or "—"
        arglist = ", ".join(f"`{a}`" for a in args) or "—"
        out.append(f"| {nr} | `{name}` | {arglist} | {used} |")
    out.append("")
    return "\n".join(out)


def kernel_table(entries):
    out = ["/* Generated from syscalls/syscalls.tbl by gen_syscalls.py. Do not edit. */",
           "#ifndef ASTRA_SYSCALL_LIST_H", "#define ASTRA_SYSCALL_LIST_H", "",
           "/* X(number, name, argument count) for every syscall of the table. */",
           "#define ASTRA_SYSCALL_LIST(X) \\"]
    for nr, name, args in entries:
        out.append(f"    X({nr}, {name}, {len(args)}) \\")
    out += ["    /* end */", "", "#endif", ""]
    return "\n".join(out)


def kernel_param(decl):
    """'const char *path' -> ('uint64_t', 'path'): user pointers stay integers in the kernel."""
    m = re.match(r'^(.*?)([A-Za-z_]\w*)$', decl.strip())
    ctype, name = m.group(1).strip(), m.group(2)
    return ('uint64_t' if '*' in ctype else ctype), name


def kernel_dispatch(entries, flags):
    out = ["/* Generated from syscalls/syscalls.tbl by gen_syscalls.py. Do not edit. */",
           "/* Included once, by kernel/syscall.c. A ksys_* function the kernel does not define",
           " * stays a null weak symbol, and its number returns -ENOSYS. */",
           "#include <stddef.h>", "#include <stdint.h>", "",
           "struct syscall_entry {",
           "    const char *name;",
           "    long (*call)(const uint64_t *args);",
           "    const void *impl;",
           "    int nolock; /* [nolock] in the table: may run without the big kernel lock */",
           "};", ""]
    for nr, name, args in entries:
        params = [kernel_param(a) for a in args]
        decl = ", ".join(f"{t} {n}" for t, n in params) or "void"
        out.append(f"long ksys_{name}({decl}) __attribute__((weak));")
        call = ", ".join(f"({t})args[{i}]" for i, (t, _) in enumerate(params))
        unused = "" if params else "    (void)args;\n"
        out.append(f"static long syscall_call_{name}(const uint64_t *args)\n{{\n{unused}"
                   f"    return ksys_{name}({call});\n}}")
    out += ["", "static const struct syscall_entry syscall_table[] = {"]
    for nr, name, args in entries:
        nolock = int('nolock' in flags.get(name, ()))
        out.append(f'    [{nr}] = {{ "{name}", syscall_call_{name}, (const void *)ksys_{name}, {nolock} }},')
    out += ["};", ""]
    return "\n".join(out)


INTEGER_TYPES = {'int', 'unsigned', 'long', 'unsigned long', 'size_t'}


def trace_kind(args, i):
    """How the tracer records argument i: a C string, bytes the call reads (length in the
    next argument), bytes the call writes (length: its result), or the bare value. A writable
    pointer named *addr (mmap, munmap, ...) is an address, not a buffer."""
    ctype, name = re.match(r'^(.*?)([A-Za-z_]\w*)$', args[i].strip()).groups()
    ctype = ' '.join(ctype.replace('*', ' * ').split())
    sized = i + 1 < len(args) and \
        ' '.join(re.match(r'^(.*?)[A-Za-z_]\w*$', args[i + 1].strip()).group(1).split()) in INTEGER_TYPES
    if ctype == 'const char *':
        return 'STRACE_STRING'
    if re.fullmatch(r'(const )?struct astra_\w+ \*', ctype):
        return 'STRACE_STRUCT_IN' if ctype.startswith('const') else 'STRACE_STRUCT_OUT'
    if sized and ctype == 'const void *':
        return 'STRACE_IN'
    if sized and ctype in ('void *', 'char *') and not name.endswith('addr'):
        return 'STRACE_OUT'
    return 'STRACE_VALUE'


def kernel_trace(entries):
    out = ["/* Generated from syscalls/syscalls.tbl by gen_syscalls.py. Do not edit. */",
           "/* Included once, by kernel/syscall/strace.c: what the tracer copies from user memory for",
           " * each argument of each system call. */",
           "#define STRACE_VALUE 0  /* the register only */",
           "#define STRACE_STRING 1 /* a NUL-terminated string, at entry */",
           "#define STRACE_IN 2     /* bytes the call reads, as many as the next argument says, at entry */",
           "#define STRACE_OUT 3    /* bytes the call wrote, as many as its result says, at exit */",
           "#define STRACE_STRUCT_IN 4  /* the struct the call reads, at entry */",
           "#define STRACE_STRUCT_OUT 5 /* the struct the call wrote, at a successful exit */", "",
           f"#define STRACE_TABLE_SIZE {entries[-1][0] + 1}",
           "static const unsigned char strace_kinds[STRACE_TABLE_SIZE][6] = {"]
    sizes = []
    for nr, name, args in entries:
        kinds = [trace_kind(args, i) for i in range(len(args))]
        if any(k != 'STRACE_VALUE' for k in kinds):
            out.append(f"    [{nr}] = {{ {', '.join(kinds)} }}, /* {name} */")
        structs = [re.search(r'struct astra_\w+', a).group(0) if k.startswith('STRACE_STRUCT') else None
                   for a, k in zip(args, kinds)]
        if any(structs):
            sizes.append(f"    [{nr}] = {{ {', '.join(f'sizeof({s})' if s else '0' for s in structs)} }}, /* {name} */")
    out += ["};", "", "/* 1 + how many arguments each call takes; 0 for a number not in the table. */",
            "static const unsigned char strace_argc_plus_one[STRACE_TABLE_SIZE] = {"]
    out += [f"    [{nr}] = {len(args) + 1}, /* {name} */" for nr, name, args in entries]
    out += ["};", "", "/* The size of each struct argument. */",
            "static const unsigned short strace_struct_sizes[STRACE_TABLE_SIZE][6] = {"] + sizes + ["};", ""]
    return "\n".join(out)


FD_NAMES = {'fd', 'dirfd', 'olddirfd', 'newdirfd', 'oldfd', 'newfd'}
PID_NAMES = {'pid', 'tid', 'tgid', 'pgid', 'id'}
LENGTH_NAMES = {'len', 'length', 'count', 'size', 'old_len', 'new_len', 'nfds', 'liovcnt', 'riovcnt',
                'iovcnt', 'addrlen', 'optlen', 'backlog', 'sigsetsize'}
ADDRESS_NAMES = {'addr', 'old_addr', 'new_addr', 'stack', 'tls'}


def arg_kind(args, i):
    """What kind of value argument i takes, for tests/programs/syscall_fuzz.c: a descriptor, a
    path, a process id, a signal, a length, an address of the address space (mmap's, a stack;
    a socket address, followed by its length, is a buffer), any other pointer (a buffer or a
    struct), or a number (flags, modes, commands)."""
    ctype, name = re.match(r'^(.*?)([A-Za-z_]\w*)$', args[i].strip()).groups()
    sized = i + 1 < len(args) and args[i + 1].strip().endswith('addrlen')
    ctype = ' '.join(ctype.replace('*', ' * ').split())
    if name in FD_NAMES and ctype == 'int':
        return 'ARG_FD'
    if ctype == 'const char *':
        return 'ARG_PATH'
    if name in PID_NAMES and ctype == 'int':
        return 'ARG_PID'
    if name == 'sig':
        return 'ARG_SIGNAL'
    if name in ADDRESS_NAMES and not sized:
        return 'ARG_ADDRESS'
    if '*' in ctype:
        return 'ARG_POINTER'
    if name in LENGTH_NAMES:
        return 'ARG_LENGTH'
    return 'ARG_NUMBER'


def arg_kinds(entries):
    out = ["/* Generated from syscalls/syscalls.tbl by gen_syscalls.py. Do not edit. */",
           "/* Included once, by tests/programs/syscall_fuzz.c: the kind of value each argument of",
           " * each system call takes, from its declaration in the table. */",
           "enum arg_kind { ARG_NUMBER, ARG_FD, ARG_PATH, ARG_PID, ARG_SIGNAL, ARG_LENGTH, ARG_ADDRESS,",
           "                ARG_POINTER };", "",
           f"#define ARG_KINDS_SIZE {entries[-1][0] + 1}",
           "static const unsigned char arg_kinds[ARG_KINDS_SIZE][6] = {"]
    for nr, name, args in entries:
        kinds = [arg_kind(args, i) for i in range(len(args))]
        if kinds:
            out.append(f"    [{nr}] = {{ {', '.join(kinds)} }}, /* {name} */")
    out += ["};", ""]
    return "\n".join(out)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    mode, table, out = argv[1], argv[2], argv[3]
    flags = dict()  # no brace literal: docs() scans this file as C too, and would list main as a user
    entries = read_table(table, flags)
    if mode == 'nr-header':
        write_if_changed(out, nr_header(entries))
    elif mode == 'docs':
        write_if_changed(out, docs(entries, argv[4:]))
    elif mode == 'kernel-table':
        write_if_changed(out, kernel_table(entries))
    elif mode == 'kernel-dispatch':
        write_if_changed(out, kernel_dispatch(entries, flags))
    elif mode == 'kernel-trace':
        write_if_changed(out, kernel_trace(entries))
    elif mode == 'arg-kinds':
        write_if_changed(out, arg_kinds(entries))
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
