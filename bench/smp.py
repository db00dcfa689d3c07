#!/usr/bin/env python3
"""Several CPUs, side by side in one run: the same static program (bench/programs/smp_bench.c)
on a stock Debian Linux kernel booted in QEMU and on the Astra kernel in the same QEMU
configuration (bench/kernel.py's, with -smp 1 and -smp 2). Prints a markdown table of
medians: the wall time of fixed CPU-bound work split over 2 threads with 1 and 2 CPUs (the
speedup; goal >= 1.8x on Astra), a futex wait/wake round trip between threads pinned to
CPUs 0 and 1 (goal: Astra / Linux guest <= 1.0), and threads that need the kernel together,
each with 1 and 2 CPUs: 100 threads x 50 rounds of a mutex + condition variable barrier (goal:
2 CPUs within 2x of 1), 8 threads x 1,000 clock reads and 8 threads x 20,000 getpid calls
(goal: 2 CPUs at least as fast as 1).

  bench/smp.py [--runs N]        (installs Debian's linux-image-amd64 if it is missing)
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import kernel as kb  # noqa: E402  (bench/kernel.py: the guests and their initrds)
import linux_guest  # noqa: E402


# Rows with 1 and 2 CPUs: name in smp_bench's output, label, goal for Astra's 2 CPUs / 1 CPU.
HANDOFF_ROWS = [
    ("barrier_100x50", "100 threads x 50 rounds of a mutex+condvar barrier", 2.0),
    ("clock_8threads", "8 threads x 1,000 clock_gettime", 1.0),
    ("getpid_8threads", "8 threads x 20,000 getpid", 1.0),
]


def qemu(smp):
    q = list(kb.QEMU)
    q[q.index("-smp") + 1] = str(smp)
    return q


def run(cmd):
    """{row: value} from the program's "name value us" lines."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = {}
    deadline = time.monotonic() + 300
    for raw in proc.stdout:
        parts = raw.decode(errors="replace").split()
        if len(parts) == 3 and parts[2] == "us":
            rows[parts[0]] = float(parts[1])
        if time.monotonic() > deadline:
            break
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
    if any(row not in rows for row in ["work_2threads"] + [r[0] for r in HANDOFF_ROWS]):
        sys.exit(f"bench/smp.py: incomplete output from {' '.join(cmd[:3])}…: {rows}")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    opt = ap.parse_args()
    subprocess.run(["ninja", "-C", kb.BUILD, "bench/smp_bench", "kernel/astra-kernel.bin"], check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(kb.BUILD, "bench", "smp_bench")
    vmlinuz = linux_guest.linux_kernel(install=True)
    work = os.path.join(kb.BUILD, "bench")
    initramfs, initrd = os.path.join(work, "smp-linux-initramfs.cpio.gz"), os.path.join(work, "smp-astra-initrd.tar")
    kb.linux_initramfs(binary, initramfs)
    kb.astra_initrd(binary, initrd)  # as /kernel_bench
    systems = {
        "Linux guest": lambda smp: qemu(smp) + [
            "-kernel", vmlinuz, "-initrd", initramfs, "-serial", "stdio",
            "-append", "console=ttyS0 quiet panic=-1 -- poweroff"],
        "Astra": lambda smp: qemu(smp) + [
            "-kernel", os.path.join(kb.BUILD, "kernel", "astra-kernel.bin"), "-initrd", initrd,
            "-append", "init=/kernel_bench", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-serial", "null", "-serial", "stdio", "-serial", "null"],
    }
    results = {(name, smp): [] for name in systems for smp in (1, 2)}
    for _ in range(opt.runs):
        for (name, smp) in results:
            results[(name, smp)].append(run(systems[name](smp)))
    med = {key: {row: statistics.median(r[row] for r in runs if row in r)
                 for row in runs[0]} for key, runs in results.items()}
    print(f"Median of {opt.runs} runs; QEMU {' '.join(qemu(2)[1:])} (and -smp 1); "
          f"Linux guest: {os.path.basename(vmlinuz)}.\n")
    print("| row | Linux guest | Astra | Astra / Linux guest | goal |")
    print("| --- | --: | --: | --: | --: |")
    w = {name: (med[(name, 1)]["work_2threads"] / 1000, med[(name, 2)]["work_2threads"] / 1000) for name in systems}
    for smp in (1, 2):
        g, a = w["Linux guest"][smp - 1], w["Astra"][smp - 1]
        print(f"| work split over 2 threads, -smp {smp} (ms) | {g:.1f} | {a:.1f} | {a / g:.3f} | |")
    sg, sa = w["Linux guest"][0] / w["Linux guest"][1], w["Astra"][0] / w["Astra"][1]
    print(f"| speedup -smp 2 over -smp 1 (x) | {sg:.2f} | {sa:.2f} | | ≥ 1.8 ({'met' if sa >= 1.8 else 'missed'}) |")
    g, a = med[("Linux guest", 2)]["futex_pingpong_xcpu"], med[("Astra", 2)]["futex_pingpong_xcpu"]
    print(f"| futex round trip, CPU 0 ↔ CPU 1 (us) | {g:.2f} | {a:.2f} | {a / g:.3f} | "
          f"≤ 1.0 ({'met' if a / g <= 1.0 else 'missed'}) |")
    print("\n| row (ms) | Linux guest -smp 1 | Linux guest -smp 2 | Astra -smp 1 | Astra -smp 2 "
          "| Astra 2 CPUs / 1 CPU | Astra / Linux guest (-smp 2) | goal (2 CPUs / 1) |")
    print("| --- | --: | --: | --: | --: | --: | --: | --: |")
    for row, label, goal in HANDOFF_ROWS:
        g1, g2, a1, a2 = (med[(name, smp)][row] / 1000 for name in systems for smp in (1, 2))
        print(f"| {label} | {g1:.1f} | {g2:.1f} | {a1:.1f} | {a2:.1f} | {a2 / a1:.2f} | {a2 / g2:.2f} | "
              f"≤ {goal} ({'met' if a2 / a1 <= goal else 'missed'}) |")


if __name__ == "__main__":
    main()
