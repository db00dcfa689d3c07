#!/usr/bin/env python3
"""Threads handing the kernel to each other on two CPUs while the host is busy: each case of
tests/programs/handoff_probe.c (system calls from 8 threads, a contended futex mutex with
yields, a 100-thread barrier, 16 KiB of standard input read while 8 threads make system
calls) must give the same result with --smp 1 and --smp 2, and (but for the input, paced by
the serial line) take with two CPUs at most four times its time with one, plus 1.5 s (a
busy host's noise). The
host's cores are kept busy meanwhile, as a parallel test run keeps them: then the host stops
a vCPU's thread at any time, and a kernel lock that hands itself to a stopped vCPU, or whose
waiters spin on the core its holder needs, made these cases 50 to 1,000 times slower with
two CPUs (past this test's 25 s, and thread_probe's mutex_stress past its timeout).

  handoff_test.py BIN_DIR ASTRA_RUN
"""
import os
import subprocess
import sys

TIMEOUT_S = 25
INPUT = bytes(range(256)) * 64


def run(astra_run, probe, smp):
    """{case: (ms, result)} from the probe's lines; None if it did not finish in time."""
    cmd = [astra_run, "--timeout", str(TIMEOUT_S), "--smp", str(smp), probe]
    try:
        p = subprocess.run(cmd, input=INPUT, capture_output=True, timeout=TIMEOUT_S + 30)
    except subprocess.TimeoutExpired:
        return None
    rows = {}
    out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            rows[parts[0]] = (float(parts[1]), parts[2])
    if p.returncode != 0 or len(rows) != 4:
        print(f"--smp {smp}: status {p.returncode}\n{out}{err[-2000:]}")
        return None
    return rows


def main():
    bin_dir, astra_run = sys.argv[1], sys.argv[2]
    probe = os.path.join(bin_dir, "handoff_probe")
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 2)]
    try:
        one, two = run(astra_run, probe, 1), run(astra_run, probe, 2)
    finally:
        for h in hogs:
            h.kill()
            h.wait()
    if one is None or two is None:
        print(f"did not finish within {TIMEOUT_S} s with {'one' if one is None else 'two'} CPU(s)")
        return 1
    expected = {"syscalls": "0", "mutex": "80000", "barrier": "5000", "stdin": str(len(INPUT))}
    failures = 0
    for case, want in expected.items():
        (t1, r1), (t2, r2) = one[case], two[case]
        bound = 4 * t1 + 1500 if case != "stdin" else float("inf")  # the serial line's pace
        ok = r1 == want and r2 == want and t2 <= bound
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {case}: --smp 1 {t1:.0f} ms ({r1}), --smp 2 {t2:.0f} ms ({r2}), "
              f"expected {want} and --smp 2 <= {bound:.0f} ms")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
