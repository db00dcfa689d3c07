#!/usr/bin/env python3
"""libastra reads the clock through the kernel's vDSO (issue #22): tests/programs/clock_probe
reads CLOCK_MONOTONIC and CLOCK_REALTIME 20,000 times each through the contract and checks
the values; on the Linux host (strace counting its system calls) at most a handful of those
reads may enter the kernel, and on the Astra kernel (no vDSO yet: the system call) it must
print the same. Bad clocks and pointers give EINVAL and EFAULT on both.

  vdso_test.py CLOCK_PROBE ASTRA_RUN
"""
import os
import subprocess
import sys
import tempfile
import time

N = 20000
EXPECTED = """realtime within 60 s: yes
bad clock: -22
null pointer: -14
kernel pointer: -14
good again: 0
"""


def main():
    probe, astra_run = sys.argv[1], sys.argv[2]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="astra-vdso-") as work:
        trace = os.path.join(work, "trace")
        args = [probe, str(N), str(int(time.time()))]
        p = subprocess.run(["strace", "-f", "-qq", "-e", "trace=clock_gettime", "-o", trace] + args,
                           capture_output=True, text=True)
        with open(trace) as f:
            calls = sum(1 for line in f if "clock_gettime(" in line)
        ok = p.returncode == 0 and p.stdout == EXPECTED
        print(("ok   " if ok else "FAIL ") + f"Linux host: the clocks read right (status {p.returncode})"
              + ("" if ok else f"\n{p.stdout}{p.stderr}"))
        failures += not ok
        ok = calls <= 4
        print(("ok   " if ok else "FAIL ") +
              f"Linux host: {2 * N} clock reads made {calls} clock_gettime system calls (at most 4)")
        failures += not ok

        k = subprocess.run([astra_run] + args, capture_output=True, text=True)
        ok = k.returncode == 0 and k.stdout == EXPECTED
        print(("ok   " if ok else "FAIL ") + f"Astra kernel: the clocks read right (status {k.returncode})"
              + ("" if ok else f"\n{k.stdout}{k.stderr}"))
        failures += not ok
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
