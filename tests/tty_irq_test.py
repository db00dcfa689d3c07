#!/usr/bin/env python3
"""Where the console's receive interrupt goes (issue 22): a program pinned to one CPU copies
lines from its standard input (the serial line COM2, ttyS1) to its standard output as they
come, one at a time (tests/programs/tty_irq_probe.c), then prints /proc/interrupts. The
line's interrupt goes through the I/O APIC to the CPU of the thread that last waited for
input, so the byte that wakes the program arrives on the program's own CPU and no
rescheduling IPI is needed to wake it; /proc/interrupts shows it in Linux's layout. The
copy itself is compared with the same probe's on the Linux host, reading from a pipe.

  tty_irq_test.py ASTRA_RUN TEST_BIN_DIR [--lines N]
"""
import argparse
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # the import below leaves no cache in the source tree
from net_irq_test import check, check_steered, failures, parse  # noqa: E402 (the checks, /proc/interrupts' rows)


def exchange(cmd, count, label):
    """Runs cmd (the probe), sends it count lines one at a time, each after the previous one
    came back; returns (what it printed after the copy, the copy) or None."""
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    if first != b"ready\n":
        out, err = p.communicate()
        check(f"{label}: the probe starts", False, f"{first!r} {out!r} {err[-2000:]!r}")
        return None
    copy = b""
    start = time.monotonic()
    for i in range(count):
        line = f"line {i} of {count}\n".encode()
        p.stdin.write(line)
        p.stdin.flush()
        got = p.stdout.readline()
        copy += got
        if got != line:
            check(f"{label}: line {i} copied", False, repr(got))
            break
    elapsed = time.monotonic() - start
    out, err = p.communicate(timeout=240)  # closes its stdin: the end of input
    print(f"     {label}: {count / elapsed:.0f} lines/s")
    check(f"{label}: the probe ends well", p.returncode == 0,
          f"status {p.returncode}, {out[-1500:]!r} {err[-1500:]!r}")
    return out.decode(errors="replace"), copy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("astra_run")
    ap.add_argument("test_bin_dir")
    ap.add_argument("--lines", type=int, default=100)
    opt = ap.parse_args()
    probe = os.path.join(opt.test_bin_dir, "tty_irq_probe")
    n = opt.lines
    host = exchange([probe, "0"], n, "Linux")
    for cpus, cpu in ((2, 1), (2, 0), (1, 0)):
        label = f"{cpus} CPUs, pinned to CPU {cpu}"
        cmd = [opt.astra_run, "--timeout", "240", "--smp", str(cpus), probe, str(cpu)]
        got = exchange(cmd, n, label)
        if not got:
            continue
        out, copy = got
        if host:  # the copy, then "echoed BYTES"
            check(f"{label}: the copy and its count are Linux's",
                  (copy, out.split("\n", 1)[0]) == (host[1], host[0].split("\n", 1)[0]),
                  f"{out[:200]!r} against {host[0][:200]!r}")
        text = out.split("\n", 1)[1] if "\n" in out else ""
        header_ok, rows = parse(text, cpus)
        check(f"{label}: /proc/interrupts has Linux's header of {cpus} CPU columns", header_ok,
              repr(text[:200]))
        serial = [r for r in rows.items() if r[1][1].endswith("ttyS1")]
        check(f"{label}: /proc/interrupts has the serial line's row, as Linux writes it",
              len(serial) == 1 and serial[0][0] == "3" and
              re.match(r"^ +IO-APIC +3-edge +ttyS1$", serial[0][1][1]) is not None, repr(text))
        print(text, end="")
        if len(serial) != 1 or "RES" not in rows:
            continue
        # Each line is at least one interrupt (the UART's receive timeout).
        check_steered(label, "the serial line", serial[0][1][0], rows, cpus, cpu, n, "lines")
    if failures:
        print(f"{len(failures)} failed: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
