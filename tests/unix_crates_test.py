#!/usr/bin/env python3
"""Unix crates no one here wrote, on the unix target (x86_64-astra-linux-musl), against Linux.

Each program of tests/rust/unix_crates (clap with derive, tempfile, nix, os_pipe, signal-hook,
socket2, memmap2, indicatif, mio 0.8, tokio 1.24; from Debian's registry) is built for
x86_64-unknown-linux-gnu with /usr/bin/cargo (the oracle) and for x86_64-astra-linux-musl with
astra-cargo, and runs in three columns: linux (the gnu build on the host), hosted (the Astra
build on the host) and kernel (the Astra build on the Astra kernel, rust-target/astra-run). A
column passes when the program's stdout and exit status equal Linux's.

Programs that need what the kernel does not have yet are expected to fail there (EXPECTED);
one of them passing is reported (the entry can go), not a failure. Everything else must pass,
hosted always. A program that does not link for the unix target fails, naming the C functions
libastra lacks (the linker's undefined references).

  unix_crates_test.py ASTRA_CARGO BUILD_DIR [--only a,b] [--columns hosted,kernel]
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
import time

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(HERE, "rust", "unix_crates")
ASTRA_RUN = os.path.join(ROOT, "rust-target", "astra-run")
GNU = "x86_64-unknown-linux-gnu"
UNIX = "x86_64-astra-linux-musl"
PROGRAMS = ["clap_derive", "tempfile", "nix", "os_pipe", "signal_hook", "socket2", "memmap2",
            "indicatif", "mio", "tokio"]
ARGS = {"clap_derive": ["-v", "--colour", "always", "show", "me"]}
# Kernel column only: what each needs that the Astra kernel does not have yet.
EXPECTED = {}


def toolchain_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CARGO", "RUST"))}
    env["PATH"] = "/usr/bin:/bin"
    env["RUSTC"] = "/usr/bin/rustc"
    return env


def build(label, cmd, env, target_dir):
    """Runs a cargo build with JSON messages: ({program: exe}, {program: [errors]}, seconds)."""
    start = time.monotonic()
    proc = subprocess.run(cmd + ["--release", "--offline", "--keep-going", "--message-format", "json",
                                 "--target-dir", target_dir],
                          cwd=SRC, env=env, capture_output=True, text=True)
    exes, errors = {}, {}
    for line in proc.stdout.splitlines():
        if not line.startswith("{"):
            continue
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        name = msg.get("target", {}).get("name")
        if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
            exes[name] = msg["executable"]
        elif msg.get("reason") == "compiler-message" and msg["message"].get("level") == "error":
            text = msg["message"].get("rendered") or msg["message"].get("message", "")
            if not text.startswith("error: aborting due to"):
                errors.setdefault(name, []).append(text.rstrip())
    if proc.returncode != 0 and not errors and not exes:
        errors["*"] = [proc.stderr[-3000:]]
    print(f"{label} build: {len(exes)} of {len(PROGRAMS)} programs in {time.monotonic() - start:.0f} s",
          flush=True)
    return exes, errors


def undefined(errors):
    """The C functions a failed link names as undefined references."""
    names = set()
    for text in errors:
        names.update(re.findall(r"undefined reference to `([^']+)'", text))
    return sorted(names)


def run(cmd, cwd, timeout):
    proc = subprocess.Popen(cmd, cwd=cwd, env={"PATH": "/usr/bin:/bin", "HOME": "/root", "RUST_BACKTRACE": "0"},
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        return 124, out.decode(errors="replace"), err.decode(errors="replace") + "\n(timed out)"
    status = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
    return status, out.decode(errors="replace"), err.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("astra_cargo")
    ap.add_argument("build")
    ap.add_argument("--only")
    ap.add_argument("--columns", default="hosted,kernel")
    ap.add_argument("--timeout", type=int, default=120)
    opt = ap.parse_args()
    build_dir = os.path.abspath(opt.build)
    programs = opt.only.split(",") if opt.only else PROGRAMS
    columns = opt.columns.split(",")
    work = os.path.join(build_dir, "unix-crates")
    target_dir = os.path.join(work, "target")
    env = toolchain_env()
    astra_env = dict(env, ASTRA_BUILD_DIR=build_dir, ASTRA_RUNTIME_READY="1")
    kernel = os.path.join(build_dir, "kernel", "astra-kernel.bin")

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        gnu_job = pool.submit(build, "Linux (gnu)", ["/usr/bin/cargo", "build", "--target", GNU], env, target_dir)
        unix_job = pool.submit(build, "Astra unix", [os.path.abspath(opt.astra_cargo), "build", "--target", UNIX],
                               astra_env, target_dir)
        gnu, gnu_errors = gnu_job.result()
        unix, unix_errors = unix_job.result()

    failures, notes = [], []
    results = {}

    def one(name, column):
        scratch = os.path.join(work, "scratch", column, name)
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        args = ARGS.get(name, [])
        if column == "linux":
            return run([gnu[name]] + args, scratch, opt.timeout)
        if column == "hosted":
            return run([unix[name]] + args, scratch, opt.timeout)
        return run([ASTRA_RUN, "--timeout", str(opt.timeout), unix[name]] + args, scratch, opt.timeout + 60)

    jobs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for name in programs:
            if name not in gnu:
                continue
            jobs[pool.submit(one, name, "linux")] = (name, "linux")
            if name in unix:
                for column in columns:
                    jobs[pool.submit(one, name, column)] = (name, column)
        for fut in concurrent.futures.as_completed(jobs):
            results[jobs[fut]] = fut.result()

    print(f"\n{'program':<14}" + "".join(f"{c:>10}" for c in columns))
    for name in programs:
        cells = []
        if name not in gnu:
            failures.append(f"{name}: does not build for Linux: {' '.join(gnu_errors.get(name, gnu_errors.get('*', ['?'])))[:2000]}")
            print(f"{name:<14}" + "".join(f"{'-':>10}" for _ in columns))
            continue
        ls, lo, le = results[(name, "linux")]
        if ls != 0:
            failures.append(f"{name}: exits with {ls} on Linux:\n{le[-1500:]}")
        for column in columns:
            if name not in unix:
                cells.append("no link" if undefined(unix_errors.get(name, [])) else "no build")
                continue
            s, o, e = results[(name, column)]
            ok = s == ls and o == lo
            expected = column == "kernel" and name in EXPECTED
            cells.append("ok" if ok else ("expected" if expected else "FAIL"))
            if ok and expected:
                notes.append(f"{name} [kernel]: passes, though listed as expected to fail ({EXPECTED[name]}): the entry can go")
            if ok:
                continue
            diff = "\n".join(difflib.unified_diff(lo.splitlines(), o.splitlines(), "linux", column, lineterm="", n=1))
            what = f"{name} [{column}]: status {s} (Linux {ls})\n{diff[:3000]}\n  stderr: {e.strip()[-1500:]}"
            if expected:
                notes.append(f"{name} [kernel]: fails as expected ({EXPECTED[name]}): status {s}; {e.strip()[-300:]}")
            else:
                failures.append(what)
        print(f"{name:<14}" + "".join(f"{c:>10}" for c in cells))
        if name not in unix:
            missing = undefined(unix_errors.get(name, []))
            failures.append(f"{name}: does not " + (f"link for {UNIX}; undefined: {' '.join(missing)}" if missing else
                            f"build for {UNIX}:\n" + "\n".join(unix_errors.get(name, unix_errors.get('*', ['?'])))[:3000]))
    for n in notes:
        print("note: " + n)
    for f in failures:
        print("FAIL " + f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
