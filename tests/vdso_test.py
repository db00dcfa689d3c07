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

tests/programs/vdso_getcpu_probe, built against the unix target's C library (libastra) and
against static glibc, pins itself to CPU 0 and then to CPU 1 (two CPUs on Astra) and on each
compares GETCPU_N answers of sched_getcpu (and glibc's getcpu, with its node) with one getcpu
system call: it must print what it prints on Linux, and make no getcpu system call but those
two. glibc 2.36's sched_getcpu reads rseq's CPU number on Linux and, rseq refused (Astra),
calls the vDSO's getcpu; its getcpu always calls the vDSO's. On Astra the vDSO reads the
number from TSC_AUX (RDPID or RDTSCP), which each CPU sets at start-up.

tests/programs/vdso_arch_probe runs the vDSO's TSC_AUX reading (vdso_arch.h) itself, with
each instruction the CPU has, on CPUs 0 and 1: on the Linux host (whose kernel sets TSC_AUX
to the encoding the vDSO decodes) every instruction /proc/cpuinfo lists must give the getcpu
system call's CPU and node; on Astra (QEMU's TCG has RDTSCP, not RDPID) at least one must,
and none may differ.

  vdso_test.py CLOCK_PROBE VDSO_GLIBC_PROBE ASTRA_RUN GETCPU_PROBE_UNIX GETCPU_PROBE_GLIBC ARCH_PROBE
"""
import os
import re
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

GETCPU_N = 10000
EXPECTED_GETCPU_CPU = """pinned to CPU {cpu}: 0
getcpu system call: 0
its CPU: {cpu}
its node: 0
sched_getcpu, every time the system call's CPU: yes
"""
EXPECTED_GETCPU_GLIBC_CPU = """getcpu, every time the system call's CPU and node: yes
getcpu(NULL, NULL): 0
getcpu with one null pointer: the other written: yes
"""
EXPECTED_GETCPU_UNIX = "".join(EXPECTED_GETCPU_CPU.format(cpu=c) for c in (0, 1))
EXPECTED_GETCPU_GLIBC = "".join(EXPECTED_GETCPU_CPU.format(cpu=c) + EXPECTED_GETCPU_GLIBC_CPU for c in (0, 1))
# The probe's own getcpu system calls, one on each CPU; 2 + 2 * GETCPU_N (libastra) or
# 2 + 4 * GETCPU_N (glibc) if the vDSO entered the kernel.
MOST_GETCPU = 2

failures = 0


def check(ok, what, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else "\n" + detail))
    failures += not ok


def count_calls(trace, call):
    """The system calls named call in a trace: lines that begin with it (after the pid, strace's
    "PID " or astra-strace's "[pid PID] "), not a write of text that names it."""
    pattern = re.compile(r"^(\d+ +|\[pid +\d+\] +)?" + call + r"\(")
    with open(trace) as f:
        return sum(1 for line in f if pattern.match(line))


def host(work, name, args, expected, most, call="clock_gettime"):
    trace = os.path.join(work, name + ".host")
    p = subprocess.run(["strace", "-f", "-qq", "-e", "trace=" + call, "-o", trace] + args,
                       capture_output=True, text=True)
    check(p.returncode == 0 and p.stdout == expected, f"Linux host: {name} reads right (status {p.returncode})",
          p.stdout + p.stderr)
    calls = count_calls(trace, call)
    check(calls <= most, f"Linux host: {name} made {calls} {call} system calls (at most {most})")


def astra(work, astra_run, name, args, expected, most, smp, call="clock_gettime"):
    trace = os.path.join(work, name + ".astra")
    k = subprocess.run([astra_run, "--smp", str(smp), f"--strace={trace}"] + args, capture_output=True, text=True)
    check(k.returncode == 0 and k.stdout == expected,
          f"Astra kernel (--smp {smp}): {name} reads right (status {k.returncode})", k.stdout + k.stderr)
    calls = count_calls(trace, call)
    check(calls <= most, f"Astra kernel: {name} made {calls} {call} system calls (at most {most})")


def host_flags():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    return set()


def tsc_aux_reads(astra_run, arch_probe):
    """vdso_arch_probe on the host (exactly what /proc/cpuinfo promises) and on Astra."""
    flags = host_flags()
    expected = "".join(f"{name} on CPU {cpu}: " +
                       ("the getcpu system call's" if name.lower() in flags else "absent") + "\n"
                       for cpu in (0, 1) for name in ("RDPID", "RDTSCP"))
    p = subprocess.run([arch_probe], capture_output=True, text=True)
    check(p.returncode == 0 and p.stdout == expected, "Linux host: the vDSO's TSC_AUX reading gives Linux's getcpu",
          p.stdout + p.stderr)
    k = subprocess.run([astra_run, "--smp", "2", arch_probe], capture_output=True, text=True)
    lines = k.stdout.splitlines()
    check(k.returncode == 0 and len(lines) == 4 and "differs" not in k.stdout and "call's" in k.stdout,
          "Astra kernel: the vDSO's TSC_AUX reading gives the getcpu system call's", k.stdout + k.stderr)


def main():
    probe, glibc_probe, astra_run, getcpu_unix, getcpu_glibc, arch_probe = sys.argv[1:7]
    with tempfile.TemporaryDirectory(prefix="astra-vdso-") as work:
        args = [probe, str(N), str(int(time.time()))]
        host(work, "clock_probe", args, EXPECTED, MOST_CLOCK_PROBE)
        astra(work, astra_run, "clock_probe", args, EXPECTED, MOST_CLOCK_PROBE, 1)
        host(work, "vdso_glibc_probe", [glibc_probe, str(N)], EXPECTED_GLIBC, MOST_GLIBC_PROBE)
        astra(work, astra_run, "vdso_glibc_probe", [glibc_probe, str(N), "set"], EXPECTED_GLIBC + EXPECTED_SET,
              MOST_GLIBC_PROBE + 2, 2)
        for name, getcpu_probe, expected in (("vdso_getcpu_probe-unix", getcpu_unix, EXPECTED_GETCPU_UNIX),
                                             ("vdso_getcpu_probe-glibc", getcpu_glibc, EXPECTED_GETCPU_GLIBC)):
            args = [getcpu_probe, str(GETCPU_N)]
            host(work, name, args, expected, MOST_GETCPU, "getcpu")
            astra(work, astra_run, name, args, expected, MOST_GETCPU, 2, "getcpu")
        tsc_aux_reads(astra_run, arch_probe)
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
