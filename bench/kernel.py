#!/usr/bin/env python3
"""Kernel costs, side by side in one run: the same static benchmark binary
(bench/programs/kernel_bench.c) on the Linux host, on a stock Debian Linux kernel booted in
QEMU, and on the Astra kernel booted in the same QEMU configuration
(-accel tcg -cpu max -m 512M -smp 2). Prints a markdown table of medians and the ratio
Astra / Linux guest. Boot-to-main is the wall time from starting QEMU to the program's first
output line.

  bench/kernel.py [--runs N]        (installs Debian's linux-image-amd64 if it is missing)
"""
import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import time

import linux_guest
import svgchart

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
BUILD = os.environ.get("ASTRA_BUILD_DIR", os.path.join(ROOT, "build"))
QEMU = ["/usr/bin/qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-m", "512M", "-smp", "2",
        "-display", "none", "-no-reboot", "-monitor", "none"]
ROWS = [  # name, unit, goal for Astra / Linux guest
    ("boot_to_main", "ms", 0.05),
    ("getpid", "us", 0.7),
    ("futex_pingpong", "us", 1.0),
    ("spawn_join", "us", 1.0),
    ("file_4k_write_read", "us", 1.0),
    ("mmap_touch_munmap_1m", "us", 1.0),
    ("clock_gettime", "ns", 1.0),
    ("getcpu", "ns", 1.0),
    ("epoll_roundtrip", "us", 1.0),
    ("file_mmap_read_1m", "us", 1.0),
    ("fork_exec_wait", "us", 1.0),
    ("spawn_process_wait", "us", 1.0),
    ("posix_spawn_wait", "us", 1.0),
    ("pipe_64m", "ms", 1.0),
]
HELPERS = ["exit_now", "spawn_bench"]  # what the process rows start, next to the benchmark


def linux_initramfs(binary, path):
    """/init is the benchmark, next to its helpers."""
    linux_guest.write_initramfs(path, binary, [os.path.join(os.path.dirname(binary), h) for h in HELPERS])


def astra_initrd(binary, path):
    with tarfile.open(path, "w", format=tarfile.USTAR_FORMAT) as tar:
        tar.add(binary, arcname="kernel_bench")
        for h in HELPERS:
            tar.add(os.path.join(os.path.dirname(binary), h), arcname=h)


def run(cmd):
    """Runs cmd; returns (seconds until the line 'ready', {row: value})."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ready, rows = None, {}
    for raw in proc.stdout:
        line = raw.decode(errors="replace").strip()
        if line.endswith("ready") and ready is None:
            ready = time.monotonic() - start
            continue
        parts = line.split()
        if len(parts) == 3 and parts[2] in ("ns", "us", "ms"):
            try:
                rows[parts[0]] = float(parts[1])
            except ValueError:
                pass
        if len(rows) == len(ROWS) - 1:
            break
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
    if ready is None or len(rows) != len(ROWS) - 1:
        sys.exit(f"bench/kernel.py: incomplete output from {cmd[0]}: {rows}")
    rows["boot_to_main"] = ready * 1000
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chart", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "charts", "kernel.svg"),
                    help="where the SVG chart of the ratios goes (default: bench/charts/kernel.svg)")
    opt = ap.parse_args()
    subprocess.run(["ninja", "-C", BUILD, "bench/kernel_bench", "kernel/astra-kernel.bin"] +
                   [f"bench/{h}" for h in HELPERS], check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(BUILD, "bench", "kernel_bench")
    vmlinuz = linux_guest.linux_kernel(install=True)
    if not vmlinuz:
        sys.exit("bench/kernel.py: no Linux kernel in /boot")
    work = os.path.join(BUILD, "bench")
    initramfs, initrd = os.path.join(work, "linux-initramfs.cpio.gz"), os.path.join(work, "astra-initrd.tar")
    linux_initramfs(binary, initramfs)
    astra_initrd(binary, initrd)
    systems = {
        "Linux host": [binary],
        "Linux guest": QEMU + ["-kernel", vmlinuz, "-initrd", initramfs, "-serial", "stdio",
                               "-append", "console=ttyS0 quiet panic=-1 -- poweroff"],
        "Astra": QEMU + ["-kernel", os.path.join(BUILD, "kernel", "astra-kernel.bin"), "-initrd", initrd,
                         "-append", "init=/kernel_bench", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                         "-serial", "null", "-serial", "stdio", "-serial", "null"],
    }
    results = {name: [] for name in systems}
    for _ in range(opt.runs):
        for name, cmd in systems.items():
            results[name].append(run(cmd))
    median = {name: {r: statistics.median(run[r] for run in runs) for r, _, _ in ROWS}
              for name, runs in results.items()}
    print(f"Median of {opt.runs} runs; QEMU {' '.join(QEMU[1:])}; Linux guest: {os.path.basename(vmlinuz)}.\n")
    print("| row | Linux host | Linux guest (QEMU) | Astra (QEMU) | Astra / Linux guest | goal |")
    print("| --- | --: | --: | --: | --: | --: |")
    for row, unit, goal in ROWS:
        h, g, a = (median[n][row] for n in ("Linux host", "Linux guest", "Astra"))
        ratio = a / g
        mark = "met" if ratio <= goal else "missed"
        print(f"| {row} ({unit}) | {h:.3f} | {g:.3f} | {a:.3f} | {ratio:.3f} | ≤ {goal} ({mark}) |")
    os.makedirs(os.path.dirname(os.path.abspath(opt.chart)), exist_ok=True)
    svgchart.bar_chart(opt.chart, "Astra / Linux guest in the same QEMU (lower is better)",
                       [f"{row} ({unit})" for row, unit, _ in ROWS], ["Astra / Linux guest"],
                       [[median["Astra"][row] / median["Linux guest"][row]] for row, _, _ in ROWS],
                       reference=1.0, marks=[goal for _, _, goal in ROWS], log=True,
                       value_format=lambda v: f"{v:.3f}")
    print(f"\nChart: {opt.chart}")


if __name__ == "__main__":
    main()
