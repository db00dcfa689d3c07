#!/usr/bin/env python3
"""Backtraces on Astra name the program's functions, on the host and on the Astra kernel.

  backtrace_test.py [ASTRA_CARGO BUILD_DIR ASTRA_TARGET_DIR GNU_TARGET_DIR]

Builds tests/rust/backtrace for Astra (release: symbols only; debug: with DWARF;
release-abort: panic = "abort") and for Linux with Debian's toolchain (the oracle, release
and debug), then checks, against the Linux program's frames (names compared without crate
disambiguators or legacy hashes):
- RUST_BACKTRACE=1: exit 101; the short backtrace shows the same frames as Linux's (the
  panic machinery, then the program's own functions, innermost first, and nothing of the
  runtime beneath `__rust_begin_short_backtrace`); in the debug build too;
- RUST_BACKTRACE=full: every frame with its address, the runtime frames included, and from
  `panic_fmt` to the program's `main` the same names as Linux's;
- a `panic = "abort"` build shows the same frames before it aborts (the target spec's
  default-uwtable keeps unwind tables in code that never unwinds, as Linux's does);
- `Backtrace::force_capture()` printed with {} (release and debug) and a panic in a spawned
  thread name the functions as Linux does;
- the sysroot's symbolizer: with Astra's own (the default, names from .symtab), no frame has
  a file:line; with gimli (a sysroot built with ASTRA_BACKTRACE=dwarf, which writes "dwarf"
  to BUILD_DIR/sysroot/backtrace) the debug build gives the panic's and the capture's
  file:line;
- the Astra kernel (astra-run, QEMU) prints exactly what the Linux host prints for the same
  binary (the host runs it in /, the kernel's working directory, so paths match).
Without arguments it uses rust-target/astra-cargo and $ASTRA_BUILD_DIR (default build/).
The kernel is $ASTRA_RUN_KERNEL, else the one astra-run builds.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(HERE)
CRATE = os.path.join(HERE, "rust", "backtrace")
NAME = "backtrace_names"
OWN = [f"{NAME}::innermost_panics", f"{NAME}::middle_calls", f"{NAME}::main"]
FRAME = re.compile(r"^\s*\d+: (?:\s*0x[0-9a-f]+ - )?(.*)$")

failures = []


def check(ok, what, detail=""):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)
        if detail:
            print("      " + detail.replace("\n", "\n      "))


def source_line(marker):
    with open(os.path.join(CRATE, "src", "main.rs")) as f:
        for n, line in enumerate(f, 1):
            if marker in line:
                return n
    raise SystemExit(f"no line with {marker!r} in {CRATE}/src/main.rs")


def build(astra_cargo, build_dir, astra_target, gnu_target):
    env = dict(os.environ, ASTRA_BUILD_DIR=build_dir, ASTRA_RUNTIME_READY="1")
    manifest = os.path.join(CRATE, "Cargo.toml")
    bins = {}
    for profile in ("release", "debug", "release-abort"):
        flags = [] if profile == "debug" else ["--profile", profile]
        subprocess.run([astra_cargo, "build", "--quiet", "--manifest-path", manifest,
                        "--target-dir", astra_target] + flags, env=env, check=True)
        bins[profile] = os.path.join(astra_target, "x86_64-unknown-astra", profile, NAME)
    gnu_env = {k: v for k, v in os.environ.items() if not k.startswith(("RUSTUP_", "CARGO_", "RUSTFLAGS"))}
    gnu_env.update(PATH="/usr/bin:/bin", RUSTC="/usr/bin/rustc")
    for profile in ("release", "debug"):
        flags = ["--release"] if profile == "release" else []
        subprocess.run(["/usr/bin/cargo", "build", "--quiet", "--offline",
                        "--manifest-path", manifest, "--target-dir", gnu_target,
                        "--target", "x86_64-unknown-linux-gnu"] + flags, env=gnu_env, check=True)
    bins["linux"] = os.path.join(gnu_target, "x86_64-unknown-linux-gnu", "release", NAME)
    bins["linux-debug"] = os.path.join(gnu_target, "x86_64-unknown-linux-gnu", "debug", NAME)
    return bins


def on_host(binary, mode, backtrace):
    env = {"PATH": "/usr/bin:/bin"}
    if backtrace:
        env["RUST_BACKTRACE"] = backtrace
    args = [NAME] + ([mode] if mode else [])
    return subprocess.run(args, executable=binary, env=env, cwd="/", capture_output=True,
                          text=True, timeout=60)


def on_kernel(binary, mode, backtrace):
    astra_run = os.environ.get("ASTRA_RUN") or os.path.join(ROOT, "rust-target", "astra-run")
    env = {"PATH": "/usr/bin:/bin"}
    if os.environ.get("ASTRA_RUN_KERNEL"):
        env["ASTRA_RUN_KERNEL"] = os.environ["ASTRA_RUN_KERNEL"]
    else:
        env["ASTRA_BUILD_DIR"] = os.environ["ASTRA_BUILD_DIR"]  # astra-run builds its kernel
    if backtrace:
        env["RUST_BACKTRACE"] = backtrace
    args = [astra_run, "--argv0", NAME, binary] + ([mode] if mode else [])
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def frames(text):
    """The frame names of the first backtrace in text, in order."""
    names = []
    lines = text.splitlines()
    start = lines.index("stack backtrace:") + 1 if "stack backtrace:" in lines else 0
    for line in lines[start:]:
        m = FRAME.match(line)
        if m:
            names.append(m.group(1).strip())
        elif not line.startswith(" ") and names:
            break
    return names


def plain(name):
    """A frame name without v0 crate disambiguators or legacy hashes."""
    return re.sub(r"::h[0-9a-f]{16}$", "", re.sub(r"\[[0-9a-f]+\]", "", name))


def span(names, first=None, last=None):
    """The plain names from `first` (default: the first frame) to `last` (default: the last
    frame), both included; from the first frame or to the last one if `first` or `last` is
    missing, so that a comparison with a list that has them fails."""
    names = [plain(n) for n in names]
    start = names.index(first) if first in names else 0
    end = names.index(last, start) + 1 if last in names[start:] else len(names)
    return names[start:end]


def same_names(astra, linux, what, first=None, last=f"{NAME}::main"):
    """The frames from `first` to the program's main (by default) are Linux's."""
    a, l = span(astra, first, last), span(linux, first, last)
    check(bool(a) and a == l, what, f"Astra: {a}\nLinux: {l}")


def in_order(names, wanted):
    """wanted appear in names, each once, in that order."""
    pos = [next((i for i, n in enumerate(names) if plain(n) == w), -1) for w in wanted]
    return all(p >= 0 for p in pos) and pos == sorted(pos)


def same_on_kernel(binary, mode, backtrace, host, what):
    kernel = on_kernel(binary, mode, backtrace)
    # astra-run reports a program killed by a signal as a shell does: 128 + the signal.
    status = host.returncode if host.returncode >= 0 else 128 - host.returncode
    ok = (kernel.returncode, kernel.stdout, kernel.stderr) == (status, host.stdout, host.stderr)
    check(ok, f"{what}: the Astra kernel prints what the host prints",
          f"host {host.returncode}:\n{host.stdout}{host.stderr}\n"
          f"kernel {kernel.returncode}:\n{kernel.stdout}{kernel.stderr}")


def main():
    if len(sys.argv) == 5:
        astra_cargo, build_dir, astra_target, gnu_target = sys.argv[1:]
    else:
        build_dir = os.path.abspath(os.environ.get("ASTRA_BUILD_DIR", os.path.join(ROOT, "build")))
        astra_cargo = os.path.join(ROOT, "rust-target", "astra-cargo")
        astra_target = os.path.join(build_dir, "cargo-target")
        gnu_target = os.path.join(build_dir, "cargo-target-gnu")
    os.environ["ASTRA_BUILD_DIR"] = build_dir
    marker = os.path.join(build_dir, "sysroot", "backtrace")
    if not os.path.exists(marker):
        raise SystemExit(f"no {marker}: the sysroot predates its backtrace flavour; rebuild it")
    with open(marker) as f:
        dwarf = f.read().strip() == "dwarf"
    print(f"sysroot symbolizer: {'gimli (file:line from DWARF)' if dwarf else 'Astra, names from .symtab'}")
    bins = build(astra_cargo, build_dir, astra_target, gnu_target)
    panic_line = source_line("// the panic line")
    capture_line = source_line("// the capture line")

    # RUST_BACKTRACE=1, release (symbols only): the same short backtrace as Linux's.
    linux = on_host(bins["linux"], None, "1")
    host = on_host(bins["release"], None, "1")
    names = frames(host.stderr)
    check(host.returncode == 101, "RUST_BACKTRACE=1: exit status 101", f"got {host.returncode}")
    check(in_order(names, OWN), "RUST_BACKTRACE=1: the program's functions, innermost first",
          host.stderr)
    check(names and names == frames(linux.stderr),
          "RUST_BACKTRACE=1: the same frames as on Linux",
          f"Astra: {names}\nLinux: {frames(linux.stderr)}")
    check(not any("lang_start" in n or "short_backtrace" in n for n in names)
          and "run with `RUST_BACKTRACE=full`" in host.stderr,
          "RUST_BACKTRACE=1: short (nothing beneath __rust_begin_short_backtrace)", host.stderr)
    same_on_kernel(bins["release"], None, "1", host, "RUST_BACKTRACE=1")

    # panic = "abort": the same backtrace (functions keep unwind tables, as on Linux), then abort.
    host = on_host(bins["release-abort"], None, "1")
    check(host.returncode == -6 and frames(host.stderr) == names,
          "panic = \"abort\": the same frames, then SIGABRT", f"status {host.returncode}\n{host.stderr}")
    same_on_kernel(bins["release-abort"], None, "1", host, "panic = \"abort\"")

    # RUST_BACKTRACE=full: every frame, with addresses, the runtime's too.
    host = on_host(bins["release"], None, "full")
    names = [plain(n) for n in frames(host.stderr)]
    wanted = ["core::panicking::panic_fmt"] + OWN + [
        "std::sys::backtrace::__rust_begin_short_backtrace::<fn(), ()>",
        "std::rt::lang_start_internal", "main"]
    check(in_order(names, wanted), "RUST_BACKTRACE=full: panic_fmt, the program, std's runtime, main",
          host.stderr)
    same_names(frames(host.stderr), frames(on_host(bins["linux"], None, "full").stderr),
               "RUST_BACKTRACE=full: Linux's names from panic_fmt to main",
               first="core::panicking::panic_fmt")
    check(bool(re.search(r"^\s*\d+:\s+0x[0-9a-f]+ - .*innermost_panics$", host.stderr, re.M)),
          "RUST_BACKTRACE=full: frames with addresses", host.stderr)
    same_on_kernel(bins["release"], None, "full", host, "RUST_BACKTRACE=full")

    # Debug build: the same names as Linux's debug build; file:line only with gimli.
    host = on_host(bins["debug"], None, "1")
    check(in_order(frames(host.stderr), OWN), "debug build: the program's functions", host.stderr)
    same_names(frames(host.stderr), frames(on_host(bins["linux-debug"], None, "1").stderr),
               "debug build: Linux's names up to main")
    if dwarf:
        at = re.search(rf"innermost_panics\n\s+at (\S*src/main\.rs):{panic_line}:\d+$", host.stderr, re.M)
        check(at is not None, f"debug build (gimli): innermost_panics at src/main.rs:{panic_line}",
              host.stderr)
    else:
        check(re.search(r"^\s+at ", host.stderr, re.M) is None,
              "debug build (Astra's symbolizer): names only, no file:line", host.stderr)
    same_on_kernel(bins["debug"], None, "1", host, "debug build, RUST_BACKTRACE=1")

    # Backtrace::force_capture() printed with {}.
    for profile in ("release", "debug"):
        host = on_host(bins[profile], "capture", None)
        ok = host.returncode == 0 and in_order(frames(host.stdout), OWN)
        if profile == "debug" and dwarf:
            ok = ok and re.search(rf"src/main\.rs:{capture_line}:\d+$", host.stdout, re.M) is not None
        check(ok, f"Backtrace::force_capture(), {profile}: the program's functions"
              + (" and lines" if profile == "debug" and dwarf else ""), host.stdout + host.stderr)
        linux = on_host(bins["linux" if profile == "release" else "linux-debug"], "capture", None)
        same_names(frames(host.stdout), frames(linux.stdout),
                   f"Backtrace::force_capture(), {profile}: Linux's names up to main")
        same_on_kernel(bins[profile], "capture", None, host, f"Backtrace::force_capture(), {profile}")

    # A panic in a spawned thread.
    host = on_host(bins["release"], "thread", "1")
    check(host.stdout == "join: Err\n" and in_order(frames(host.stderr), OWN[:2]),
          "a thread's panic: join() is Err, its backtrace names the functions",
          host.stdout + host.stderr)
    same_names(frames(host.stderr), frames(on_host(bins["linux"], "thread", "1").stderr),
               "a thread's panic: Linux's frames", last=None)
    same_on_kernel(bins["release"], "thread", "1", host, "a thread's panic")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
