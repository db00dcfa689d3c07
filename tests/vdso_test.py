#!/usr/bin/env python3
"""The clocks through the vDSO (issue #22), on the Linux host and on the Astra kernel, whose
own vDSO (kernel/vdso/) every process maps.

tests/programs/clock_probe (libastra's contract) reads CLOCK_MONOTONIC and CLOCK_REALTIME
20,000 times each and checks the values; bad clocks and pointers give EINVAL and EFAULT. At
most a handful of those reads may enter either kernel (strace on the host, astra-run
--strace on Astra). tests/programs/vdso_glibc_probe (static glibc, which finds the vDSO by its
LINUX_2.6 symbols) reads CLOCK_MONOTONIC 20,000 times in each of two threads (monotonic
across them, with two CPUs on Astra), compares the other clocks with system calls around
them, unmaps the vDSO in a forked child, and checks clock_settime's errors: it must print
what it prints on Linux, with as few system calls. On Astra alone (it sets the clock) it also
sets CLOCK_REALTIME a day ahead and the vDSO must follow at once.

  vdso_test.py CLOCK_PROBE VDSO_GLIBC_PROBE ASTRA_RUN
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
EXPECTED_GLIBC = """AT_SYSINFO_EHDR given: yes
AT_HWCAP is CPUID.1:EDX: yes
AT_HWCAP2's FSGSBASE bit says whether RDFSBASE runs: yes
monotonic across threads: yes
realtime between system calls: yes
monotonic between system calls: yes
boottime between system calls: yes
gettimeofday between system calls: yes
time between system calls: yes
process CPU time: 0
bad clock: -1 errno 22
a child read the clock and unmapped its vDSO: yes
the parent's vDSO still reads: yes
clock_settime(MONOTONIC): -1 errno 22
clock_settime(bad pointer): -1 errno 14
clock_settime(tv_nsec 1e9): -1 errno 22
clock_settime(-1 s): -1 errno 22
"""
EXPECTED_SET = """clock_settime(a day ahead): 0
the vDSO's realtime follows: yes
realtime between system calls after setting: yes
"""
# clock_probe's own system calls: none but its two checks of a pointer. vdso_glibc_probe's:
# 15 on Linux (the readings it compares with, the CPU-time clock and a bad clock, which the
# vDSO passes to the kernel); 40,000 if the vDSO were not used.
MOST_CLOCK_PROBE = 4
MOST_GLIBC_PROBE = 24

failures = 0


def check(ok, what, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else "\n" + detail))
    failures += not ok


def count_calls(trace):
    with open(trace) as f:
        return sum(1 for line in f if "clock_gettime(" in line)


def host(work, name, args, expected, most):
    trace = os.path.join(work, name + ".host")
    p = subprocess.run(["strace", "-f", "-qq", "-e", "trace=clock_gettime", "-o", trace] + args,
                       capture_output=True, text=True)
    check(p.returncode == 0 and p.stdout == expected, f"Linux host: {name} reads right (status {p.returncode})",
          p.stdout + p.stderr)
    calls = count_calls(trace)
    check(calls <= most, f"Linux host: {name} made {calls} clock_gettime system calls (at most {most})")


def astra(work, astra_run, name, args, expected, most, smp):
    trace = os.path.join(work, name + ".astra")
    k = subprocess.run([astra_run, "--smp", str(smp), f"--strace={trace}"] + args, capture_output=True, text=True)
    check(k.returncode == 0 and k.stdout == expected,
          f"Astra kernel (--smp {smp}): {name} reads right (status {k.returncode})", k.stdout + k.stderr)
    calls = count_calls(trace)
    check(calls <= most, f"Astra kernel: {name} made {calls} clock_gettime system calls (at most {most})")


def main():
    probe, glibc_probe, astra_run = sys.argv[1], sys.argv[2], sys.argv[3]
    with tempfile.TemporaryDirectory(prefix="astra-vdso-") as work:
        args = [probe, str(N), str(int(time.time()))]
        host(work, "clock_probe", args, EXPECTED, MOST_CLOCK_PROBE)
        astra(work, astra_run, "clock_probe", args, EXPECTED, MOST_CLOCK_PROBE, 1)
        host(work, "vdso_glibc_probe", [glibc_probe, str(N)], EXPECTED_GLIBC, MOST_GLIBC_PROBE)
        astra(work, astra_run, "vdso_glibc_probe", [glibc_probe, str(N), "set"], EXPECTED_GLIBC + EXPECTED_SET,
              MOST_GLIBC_PROBE + 2, 2)
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
