#!/usr/bin/env python3
"""Rust std reads the clock through the vDSO (issue #22) on both Astra targets: tests/rust/
vdso_clock, built for x86_64-unknown-astra (std's Hermit backend on libastra's contract) and
for x86_64-astra-linux-musl (std's unix backend on libastra's libc), reads Instant 20,000
times in each of two threads and SystemTime 20,000 times. Run directly on the Linux host
(under strace) and on the Astra kernel with two CPUs (astra-run --strace), it must print the
expected lines and make at most a handful of clock_gettime system calls.

  vdso_rust_test.py ASTRA_CARGO BUILD_DIR ASTRA_RUN
"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
N = 20000
EXPECTED = """Instant monotonic across threads: yes
SystemTime within 60 s: yes
"""
MOST = 6  # 60,000 if every read entered the kernel

failures = 0


def check(ok, what, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else "\n" + detail))
    failures += not ok


def count_calls(trace):
    with open(trace) as f:
        return sum(1 for line in f if "clock_gettime(" in line)


def main():
    astra_cargo, build, astra_run = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    crate = os.path.join(HERE, "rust", "vdso_clock")
    target_dir = os.path.join(build, "vdso-clock-target")
    env = dict(os.environ, ASTRA_BUILD_DIR=build, ASTRA_RUNTIME_READY="1")
    for target in ("x86_64-unknown-astra", "x86_64-astra-linux-musl"):
        b = subprocess.run([astra_cargo, "build", "--release", "--quiet", "--manifest-path",
                            os.path.join(crate, "Cargo.toml"), "--target-dir", target_dir, "--target", target],
                           capture_output=True, text=True, env=env)
        check(b.returncode == 0, f"{target}: vdso_clock builds", b.stdout + b.stderr)
        if b.returncode:
            continue
        program = os.path.join(target_dir, target, "release", "vdso_clock")
        args = [program, str(N), str(int(time.time()))]
        trace = os.path.join(target_dir, target + ".host.strace")
        p = subprocess.run(["strace", "-f", "-qq", "-e", "trace=clock_gettime", "-o", trace] + args,
                           capture_output=True, text=True)
        check(p.returncode == 0 and p.stdout == EXPECTED, f"{target}, Linux host: reads right", p.stdout + p.stderr)
        calls = count_calls(trace)
        check(calls <= MOST, f"{target}, Linux host: {3 * N} reads made {calls} clock_gettime calls (at most {MOST})")
        trace = os.path.join(target_dir, target + ".astra.strace")
        k = subprocess.run([astra_run, "--smp", "2", f"--strace={trace}"] + args, capture_output=True, text=True)
        check(k.returncode == 0 and k.stdout == EXPECTED, f"{target}, Astra kernel: reads right (status {k.returncode})",
              k.stdout + k.stderr)
        calls = count_calls(trace)
        check(calls <= MOST, f"{target}, Astra kernel: {3 * N} reads made {calls} clock_gettime calls (at most {MOST})")
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
