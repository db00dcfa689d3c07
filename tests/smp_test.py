#!/usr/bin/env python3
"""Several CPUs (issue #11): the same programs print on the Astra kernel with --smp 1, 2 and 4
what they print on the Linux host.

tests/programs/smp_probe.c (static glibc) and tests/rust/smp (Rust std) run: exact Mutex
sums (16 threads x 100,000), futex wait/wake round trips with no lost wake-up, 10,000 thread
spawn/join with flat free memory, a thread reading a page that another thread unmaps (or
protects) faulting as on Linux, affinity pinning, and the CPU count std reports.

  smp_test.py BUILD_TESTS_DIR        (ASTRA_RUN and ASTRA_RUN_KERNEL in the environment)
"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))


def run(cmd, timeout):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C"}
    if os.environ.get("ASTRA_RUN_KERNEL"):
        env["ASTRA_RUN_KERNEL"] = os.environ["ASTRA_RUN_KERNEL"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def astra(smp, program, args, timeout=240):
    run_script = os.environ.get("ASTRA_RUN") or os.path.join(HERE, "..", "rust-target", "astra-run")
    return run([run_script, "--smp", str(smp), "--timeout", str(timeout - 10), "--argv0",
                os.path.basename(program), program, *args], timeout)


def main():
    tests = sys.argv[1]
    probe, rust, rust_gnu = (os.path.join(tests, n) for n in ("smp_probe", "rust-smp", "rust-smp-gnu"))
    failures = []
    cases = [
        # (name, astra program, linux program, args, astra-only args, CPU counts)
        ("C mutex", probe, probe, ["mutex", "16", "100000"], [], (2, 4)),
        ("C mutex, small", probe, probe, ["mutex", "16", "10000"], [], (1,)),
        ("C futex", probe, probe, ["futex", "100000"], [], (2,)),
        ("C futex, small", probe, probe, ["futex", "20000"], [], (1, 4)),
        ("C spawn", probe, probe, ["spawn", "10000"], ["1"], (2,)),
        ("C unmap race", probe, probe, ["unmap", "50"], [], (2, 4)),
        ("C affinity", probe, probe, ["affinity"], [], (1, 2, 4)),
        ("C GS base", probe, probe, ["gsbase", "8", "20000"], [], (1, 2)),
        ("C fork while writing", probe, probe, ["forkwrite", "300"], [], (2, 4)),
        ("Rust mutex", rust, rust_gnu, ["mutex", "16", "100000"], [], (2, 4)),
        ("Rust spawn", rust, rust_gnu, ["spawn", "2000"], [], (2,)),
    ]
    expected = {}
    for name, _, linux, args, _, _ in cases:
        rc, out, err = run([linux, *args], 120)
        expected[name] = (rc, out)
        if rc != 0:
            failures.append(f"{name}: Linux exit {rc}: {out}{err}")
    for name, program, _, args, extra, smps in cases:
        for smp in smps:
            start = time.monotonic()
            rc, out, err = astra(smp, program, args + extra)
            ok = (rc, out) == expected[name]
            print(f"{'ok  ' if ok else 'FAIL'} {name} --smp {smp} ({time.monotonic() - start:.1f} s): "
                  f"{out.strip().splitlines()[-1] if out.strip() else '(no output)'}")
            for line in err.splitlines():
                if "round trip" in line or "MemFree" in line:
                    print(f"     {line}")
            if not ok:
                failures.append(f"{name} --smp {smp}: exit {rc}, expected {expected[name][0]}\n"
                                f"--- astra\n{out}--- linux\n{expected[name][1]}--- stderr\n{err[-3000:]}")
    # The CPU count: what QEMU gives, through sched_getaffinity and Rust's std.
    for smp in (1, 2, 4):
        for program, args, want in ((probe, ["cpus"], f"cpus: {smp}\n"),
                                    (rust, ["parallelism"], f"available_parallelism: {smp}\n")):
            rc, out, err = astra(smp, program, args)
            ok = rc == 0 and out == want
            print(f"{'ok  ' if ok else 'FAIL'} {os.path.basename(program)} {args[0]} --smp {smp}: {out.strip()}")
            if not ok:
                failures.append(f"{program} {args} --smp {smp}: exit {rc}, {out!r}, expected {want!r}\n{err[-2000:]}")
    for f in failures:
        print("\n" + f)
    print(f"\n{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
