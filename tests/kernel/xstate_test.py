#!/usr/bin/env python3
"""Extended CPU state and static-pie against Linux (issue #20): each probe runs on the Linux
host and on the Astra kernel (astra-run) and must print the same and end with the same
status. tests/programs/xstate_probe.c: AVX registers of threads and a forked child across
preemption, signal frames with the XSAVE image (a handler editing it, a handler using AVX,
corrupted frames ending in SIGSEGV), execve's initial MXCSR and x87 control word.
tests/programs/static_pie_probe.c: a glibc static-pie program (arguments, environment,
relocated pointers, TLS in two threads, the auxiliary vector). tests/rust/avx2_sum.rs: a
stock static Rust program for x86_64-unknown-linux-gnu (static-pie) using AVX2 through
std::arch after is_x86_feature_detected! in four threads. tests/rust/linux_static: stock
static-pie Rust programs over registry crates, sha2 (its AVX2 SHA-512) and tokio (a TCP echo
through the multi-thread runtime on epoll, timers, many tasks).

  xstate_test.py BIN_DIR ASTRA_RUN
"""
import os
import subprocess
import sys

CASES = [
    ("xstate_probe", []),
    ("static_pie_probe", ["a", "b c"]),
    ("avx2_sum", []),
    ("sha2_avx2", []),
    ("tokio_static", []),
]


def run(cmd, env):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    return p.returncode, p.stdout, p.stderr


def main():
    bin_dir, astra_run = sys.argv[1], sys.argv[2]
    env = dict(os.environ, STATIC_PIE_PROBE="from the environment")
    failures = 0
    for program, args in CASES:
        path = os.path.join(bin_dir, program)
        host = run([path] + args, env)
        astra = run([astra_run, path] + args, env)
        ok = host[0] == astra[0] and host[1] == astra[1]
        print(("ok   " if ok else "FAIL ") + f"{program}: the same on the Astra kernel as on Linux "
              f"(status {astra[0]}, Linux {host[0]})")
        if not ok:
            print(f"--- Linux:\n{host[1]}{host[2]}--- Astra:\n{astra[1]}{astra[2]}")
        failures += not ok
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
