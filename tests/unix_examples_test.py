#!/usr/bin/env python3
"""The std-overlay probe and the Rust examples on the unix target (x86_64-astra-linux-musl).

tests/rust/std_overlay (unwinding, panics, the file system, processes, pipes; with
panic = "unwind" and "abort") and the examples of examples/rust (hello, time, threads, net, env,
hashmap, crates) are built with `astra-cargo --target x86_64-astra-linux-musl`; each case must
print what the same source built for x86_64-unknown-linux-gnu prints on stdout (meson builds those: BIN_DIR/std-overlay-gnu,
rust-NAME-gnu) and end with the same status, on the Linux host and on the Astra kernel, as
tests/std_overlay_test.c and tests/examples_test.c check for the Hermit target. A case that
needs what the kernel does not have yet is expected to fail there (KERNEL_EXPECTED, with the
reason); one of them passing is noted, not a failure.

  unix_examples_test.py ASTRA_CARGO BUILD_DIR BIN_DIR [--columns hosted,kernel] [--only NAME,...]
"""
import argparse
import concurrent.futures
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(HERE)
ASTRA_RUN = os.path.join(ROOT, "rust-target", "astra-run")
UNIX = "x86_64-astra-linux-musl"
BASE_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C", "HOME": "/root"}

# (name, program, its gnu twin, argv0, args (DIR: a fresh directory), extra environment, status)
CASES = [
    ("unwind", "std-overlay", "std-overlay-gnu", "std-overlay", ["unwind", "DIR"], {}, 0),
    ("main-panics", "std-overlay", "std-overlay-gnu", "std-overlay", ["main-panics", "DIR"], {}, 101),
    ("double-panic", "std-overlay", "std-overlay-gnu", "std-overlay", ["double-panic", "DIR"], {}, 134),
    ("fs", "std-overlay", "std-overlay-gnu", "std-overlay", ["fs", "DIR"], {}, 0),
    ("process-env", "std-overlay", "std-overlay-gnu", "std-overlay", ["process-env", "DIR"], {}, 3),
    ("processes", "std-overlay", "std-overlay-gnu", "std-overlay", ["processes", "DIR"], {}, 0),
    ("process-errors", "std-overlay", "std-overlay-gnu", "std-overlay", ["process-errors", "DIR"], {}, 0),
    ("abort-unwind", "std-overlay-abort", "std-overlay-abort-gnu", "std-overlay", ["unwind", "DIR"], {}, 134),
    ("abort-main-panics", "std-overlay-abort", "std-overlay-abort-gnu", "std-overlay", ["main-panics", "DIR"], {}, 134),
    # hello names the system it runs on: its oracle is tests/expected/rust-hello.txt.
    ("hello", "rust-hello", "expected/rust-hello.txt", "hello", ["one", "", "three four"],
     {"ASTRA_GREETING": "hi there"}, 0),
    ("time", "rust-time", "rust-time-gnu", "time", [], {}, 0),
    ("threads", "rust-threads", "rust-threads-gnu", "threads", [], {}, 0),
    ("net", "rust-net", "rust-net-gnu", "net", [], {}, 0),
    ("env", "rust-env", "rust-env-gnu", "env", ["one", "", "two words", "\u00fcnicode"],
     {"ASTRA_EXAMPLE_B": "bee", "ASTRA_EXAMPLE_A": "", "OTHER": "x", "ASTRA_EXAMPLE_EXIT": "3"}, 3),
    ("hashmap", "rust-hashmap", "rust-hashmap-gnu", "hashmap", [], {}, 0),
    ("crates", "rust-crates", "rust-crates-gnu", "crates", [], {}, 0),
]
# Examples expected to fail on the kernel, with the reason (none now: std's fork+exec path of
# Command, which reports exec errors through socketpair(AF_UNIX, SOCK_SEQPACKET), works there).
KERNEL_EXPECTED = {}
EXAMPLES = ["hello", "time", "threads", "net", "env", "hashmap", "crates"]


def toolchain_env(build):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CARGO", "RUST"))}
    env.update(PATH="/usr/bin:/bin", RUSTC="/usr/bin/rustc", ASTRA_BUILD_DIR=build, ASTRA_RUNTIME_READY="1")
    return env


def cargo(astra_cargo, cwd, args, env):
    p = subprocess.run([astra_cargo, "build", "--quiet", "--target", UNIX, "--message-format", "json"] + args,
                       cwd=cwd, env=env, capture_output=True, text=True)
    exes = [json.loads(l)["executable"] for l in p.stdout.splitlines()
            if l.startswith("{") and '"executable":"' in l]
    if p.returncode != 0 or not exes:
        missing = sorted(set(re.findall(r"undefined reference to `([^']+)'", p.stdout + p.stderr)))
        if missing:
            print(f"{cwd}: libastra-unix lacks: {' '.join(missing)}")
        sys.stderr.write(p.stderr[-4000:])
        return None
    return exes[-1]


def run(cmd, env, cwd, timeout=260):
    try:
        p = subprocess.run(cmd, env=env, cwd=cwd,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return 124, (e.output or b"").decode(errors="replace"), "(timed out)"
    status = p.returncode if p.returncode >= 0 else 128 - p.returncode
    return status, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("astra_cargo")
    ap.add_argument("build")
    ap.add_argument("bin_dir")
    ap.add_argument("--columns", default="hosted,kernel")
    ap.add_argument("--only")
    opt = ap.parse_args()
    build = os.path.abspath(opt.build)
    astra_cargo = os.path.abspath(opt.astra_cargo)
    columns = opt.columns.split(",")
    cases = [c for c in CASES if not opt.only or c[0] in opt.only.split(",")]
    env = toolchain_env(build)
    target_dir = os.path.join(build, "cargo-target")
    work = tempfile.mkdtemp(prefix="astra-unix-examples-")
    bins = {}
    overlay = os.path.join(HERE, "rust", "std_overlay")
    for profile, name in (("release", "std-overlay"), ("release-abort", "std-overlay-abort")):
        bins[name] = cargo(astra_cargo, overlay, ["--profile", profile, "--target-dir", target_dir], env)
    for ex in EXAMPLES:
        bins["rust-" + ex] = cargo(astra_cargo, os.path.join(ROOT, "examples", "rust", ex),
                                   ["--release", "--target-dir", target_dir], env)
    failures, notes = [], []
    for name, exe in bins.items():
        if exe is None:
            failures.append(f"{name}: does not build for {UNIX}")
        else:
            # Under the names meson gives the Hermit target's copies (the probe checks
            # current_exe's name).
            bins[name] = os.path.join(work, name)
            shutil.copy(exe, bins[name])

    def one(case, column):
        label, prog, gnu, argv0, args, extra, want = case
        d = tempfile.mkdtemp(dir=work)
        if column == "kernel":
            kargs = ["/tmp" if a == "DIR" else a for a in args]
            kenv = dict(BASE_ENV, **extra, ASTRA_RUN_KERNEL=os.path.join(build, "kernel", "astra-kernel.bin"))
            return run([ASTRA_RUN, "--timeout", "200", "--argv0", argv0, bins[prog]] + kargs, kenv, d)
        hargs = [d if a == "DIR" else a for a in args]
        if column == "linux" and gnu.startswith("expected/"):
            with open(os.path.join(HERE, gnu)) as f:
                return 0, f.read(), ""
        exe = os.path.join(opt.bin_dir, gnu) if column == "linux" else bins[prog]
        return run_argv0(exe, argv0, hargs, dict(BASE_ENV, **extra), d)

    def run_argv0(exe, argv0, args, env, cwd):
        try:
            p = subprocess.run([argv0] + args, executable=exe, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        except subprocess.TimeoutExpired as e:
            return 124, (e.output or b"").decode(errors="replace"), "(timed out)"
        return ((p.returncode if p.returncode >= 0 else 128 - p.returncode), p.stdout.decode(errors="replace"),
                p.stderr.decode(errors="replace"))

    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        jobs = {}
        for case in cases:
            if bins.get(case[1]) is None:
                continue
            for column in ["linux"] + columns:
                jobs[pool.submit(one, case, column)] = (case[0], column)
        for fut in concurrent.futures.as_completed(jobs):
            results[jobs[fut]] = fut.result()
    shutil.rmtree(work, ignore_errors=True)

    print(f"{'case':<20}" + "".join(f"{c:>10}" for c in columns))
    for case in cases:
        label, want = case[0], case[6]
        if (label, "linux") not in results:
            print(f"{label:<20}" + "".join(f"{'no build':>10}" for _ in columns))
            continue
        ls, lo, _ = results[(label, "linux")]
        if ls != want:
            failures.append(f"{label}: status {ls} on Linux, expected {want}\n{lo[-2000:]}")
        cells = []
        for column in columns:
            s, o, e = results[(label, column)]
            ok = s == ls and o == lo
            expected = column == "kernel" and label in KERNEL_EXPECTED
            cells.append("ok" if ok else ("expected" if expected else "FAIL"))
            if ok and expected:
                notes.append(f"{label} [kernel]: passes, though listed as expected to fail "
                             f"({KERNEL_EXPECTED[label]}): the entry can go")
            if not ok:
                diff = "\n".join(difflib.unified_diff(lo.splitlines(), o.splitlines(), "linux", column,
                                                      lineterm="", n=1))
                what = f"{label} [{column}]: status {s} (Linux {ls})\n{diff[:3000]}\n  stderr: {e.strip()[-1500:]}"
                if expected:
                    notes.append(f"fails as expected ({KERNEL_EXPECTED[label]}): {what}")
                else:
                    failures.append(what)
        print(f"{label:<20}" + "".join(f"{c:>10}" for c in cells))
    for n in notes:
        print("note: " + n)
    for f in failures:
        print("FAIL " + f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
