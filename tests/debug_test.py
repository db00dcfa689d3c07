#!/usr/bin/env python3
"""Debugging a program on the Astra kernel (issue #13).

- `astra-run --gdb=PORT` and gdb in batch mode with the README's commands (the kernel's
  symbols, then the program's with add-symbol-file): gdb stops in main, stops in inner with
  the backtrace inner <- outer <- main, stops in the kernel (syscall_dispatch, the next
  system call) and continues to the end; the program's output and exit status are those of
  a run without gdb.
- A user fault's report names the function it happened in (the kernel reads the program's
  .symtab): a write to kernel memory in main, and nothing for a jump into .data.

  debug_test.py ASTRA_RUN KERNEL_ELF TEST_BIN_DIR
"""
import os
import re
import shutil
import socket
import subprocess
import sys


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gdb(astra_run, kernel_elf, bin_dir):
    prog = os.path.join(bin_dir, "debug_probe")
    port = free_port()
    run = subprocess.Popen([astra_run, f"--gdb={port}", prog], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        g = subprocess.run(["gdb", "-q", "-nx", "-batch",
                            "-ex", "set pagination off", "-ex", "set tcp connect-timeout 60",
                            "-ex", f"file {kernel_elf}", "-ex", f"add-symbol-file {prog}",
                            "-ex", f"target remote 127.0.0.1:{port}",
                            "-ex", "tbreak main", "-ex", "tbreak inner", "-ex", "continue", "-ex", "bt",
                            "-ex", "continue", "-ex", "bt",
                            "-ex", "break syscall_dispatch", "-ex", "continue", "-ex", "bt 1",
                            "-ex", "delete", "-ex", "continue"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240)
        out, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    text = g.stdout.decode(errors="replace")
    arg = r"x=(?:x@entry=)?"
    checks = [r"[Bb]reakpoint 1, main \(\)", r"#0\s+main \(\)",
              rf"[Bb]reakpoint 2, inner \({arg}21\)",
              rf"#0\s+inner \({arg}21\).*\n#1\s+0x[0-9a-f]+ in outer \({arg}20\).*\n"
              r"#2\s+0x[0-9a-f]+ in main \(\)",
              r"Breakpoint 3, syscall_dispatch \(tf=0x[0-9a-f]+\) at [^\n]*kernel/syscall.c"]
    for c in checks:
        if not re.search(c, text):
            sys.exit(f"FAIL gdb: no match for {c} in gdb's output:\n{text}\nastra-run's stderr:\n"
                     f"{err.decode(errors='replace')}")
    if run.returncode != 5 or out != b"inner 21\nresult 43\n":
        sys.exit(f"FAIL gdb: the program under gdb ended with {run.returncode} and printed {out!r}")
    print("ok gdb: stops in main and inner (backtrace inner <- outer <- main), then in the kernel's "
          "syscall_dispatch, and runs to the end")


def test_fault_names(astra_run, bin_dir):
    r = subprocess.run([astra_run, os.path.join(bin_dir, "fault_kernel_write")],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = r.stderr.decode(errors="replace")
    if r.returncode != 128 + 11 or not re.search(r"the fault is in main\+0x[0-9a-f]+ \(rip 0x[0-9a-f]+, /fault_kernel_write\)", err):
        sys.exit(f"FAIL: the fault report does not name main (status {r.returncode}):\n{err}")
    r = subprocess.run([astra_run, os.path.join(bin_dir, "fault_exec_data")],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = r.stderr.decode(errors="replace")
    if r.returncode != 128 + 11 or "the fault is in" in err:
        sys.exit(f"FAIL: a fault in .data (no function there) was given a name (status {r.returncode}):\n{err}")
    print("ok fault reports name the function (main+0x..), and only when one contains the address")


def main(argv):
    astra_run, kernel_elf, bin_dir = argv[1:4]
    test_fault_names(astra_run, bin_dir)
    if not shutil.which("gdb"):
        print("SKIP gdb: not installed (scripts/install-deps.sh installs it)")
        return 77
    test_gdb(astra_run, kernel_elf, bin_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
