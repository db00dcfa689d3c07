#!/usr/bin/env python3
"""`astra-cargo test` behaves as `cargo test` on Linux (issue #9's acceptance check).

A fresh `cargo new --lib` crate with passing, failing, #[should_panic], ignored and
output-printing unit tests plus an integration test is tested three ways: `cargo test` for
x86_64-unknown-linux-gnu (the oracle), `astra-cargo test` on the Linux host (ASTRA_RUN=host)
and `astra-cargo test` on the Astra kernel. Each test's result, the summary lines and the
exit status (101 with a failing test) must be the same; filters, --ignored, --nocapture,
--test-threads and --release too. A hanging test binary is stopped at ASTRA_RUN_TIMEOUT.
Doctests too (issue #18): a plain `cargo new --lib` crate with the plain `cargo test`, and
crates whose doc comments hold passing, failing, should_panic, no_run, compile_fail and
ignored examples (edition 2024, merged into one binary, and 2021, one binary each), with and
without --doc.

  cargo_test.py ASTRA_CARGO BUILD_DIR [--target x86_64-astra-linux-musl]

With --target, astra-cargo builds for that Astra target (the unix target) instead of the
default one, and a fresh `cargo new` binary must also print its greeting through
`astra-cargo run` on the kernel.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

LIB = r'''
pub fn add(a: u64, b: u64) -> u64 {
    a + b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes() {
        assert_eq!(add(2, 2), 4);
    }

    #[test]
    fn fails() {
        assert_eq!(add(2, 2), 5, "two and two");
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn should_panic_with_the_message() {
        panic!("boom at {}", 3);
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn should_panic_but_does_not() {}

    #[test]
    #[ignore]
    fn ignored_unless_asked() {
        println!("ran the ignored test");
    }

    #[test]
    fn prints_only_when_failing_or_nocapture() {
        println!("output of a passing test");
    }

    #[test]
    fn unwinds_through_a_thread() {
        let r = std::thread::spawn(|| panic!("in a thread")).join();
        assert!(r.is_err());
    }
}
'''

INTEGRATION = r'''
#[test]
fn integration_adds() {
    assert_eq!(fresh::add(40, 2), 42);
}
'''

HANG = r'''
#[test]
fn hangs_forever() {
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}
'''

# Doc comments with every kind of doctest. Edition 2024 merges the runnable ones into one
# binary that runs each test in a child process of its own (so the one that calls
# process::exit ends only itself); compile_fail ones are compiled one by one.
DOCUMENTED = r'''
/// Adds two numbers.
///
/// ```
/// assert_eq!(documented::add(2, 2), 4);
/// println!("printed by a passing doctest");
/// ```
///
/// ```
/// assert_eq!(documented::add(2, 2), 5, "two and two");
/// ```
///
/// ```should_panic
/// panic!("as expected");
/// ```
///
/// ```should_panic
/// let _ = documented::add(1, 1);
/// ```
///
/// ```no_run
/// loop {}
/// ```
///
/// ```compile_fail
/// let x: u32 = "not a number";
/// ```
///
/// ```compile_fail
/// let x: u32 = 7;
/// ```
///
/// ```ignore
/// this is not Rust
/// ```
///
/// ```
/// let worker = std::thread::spawn(|| std::env::args().count());
/// assert!(worker.join().unwrap() >= 1);
/// std::process::exit(0);
/// ```
pub fn add(left: u64, right: u64) -> u64 {
    left + right
}

/// ```
/// assert_eq!(documented::twice(21), 42);
/// ```
pub fn twice(x: u64) -> u64 {
    x * 2
}
'''

# Before edition 2024 every doctest is a binary of its own, each run through astra-run.
DOCUMENTED_2021 = r'''
/// ```
/// assert_eq!(old::neg(1), -1);
/// ```
///
/// ```
/// assert_eq!(old::neg(1), 1, "not negated");
/// ```
pub fn neg(x: i64) -> i64 {
    -x
}
'''

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(cmd, cwd, env):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors="replace")
    return p.returncode, p.stdout


ASTRA_CARGO = None


def results(out):
    """Each test's verdict, the names of the failed ones and the summary lines, timing removed;
    sorted (threads interleave)."""
    lines = []
    listing = False
    for line in out.splitlines():
        # The list of failed tests: "failures:" then one indented name a line.
        if listing and line.startswith("    ") and not line[4:5].isspace():
            lines.append("failed: " + line.strip())
            continue
        listing = line == "failures:"
        if re.match(r"^test .* \.\.\. ", line):
            lines.append(line.strip())
        elif line.startswith("test result:"):
            lines.append(re.sub(r"; finished in .*", "", line.strip()))
        elif line.startswith("running "):
            lines.append(line.strip())
    return sorted(lines)


def compare(crate, args, what, linux_env, hosted, astra):
    """`cargo test ARGS` on Linux against `astra-cargo test ARGS` hosted and on the kernel: the
    same per-test results, summary lines and exit status. Returns the three (status, output)."""
    outs = [run(["/usr/bin/cargo", "test"] + args, crate, linux_env),
            run([ASTRA_CARGO, "test"] + TARGET_ARGS + args, crate, hosted),
            run([ASTRA_CARGO, "test"] + TARGET_ARGS + args, crate, astra)]
    (ls, lo) = outs[0]
    check(results(lo) != [], f"{what}: Linux ran tests (status {ls})")
    for (status, out), where in zip(outs[1:], ["Astra hosted", "the Astra kernel"]):
        same = status == ls and results(out) == results(lo)
        check(same, f"{what}: {where} gives Linux's results and status {ls}"
              + ("" if same else
                 f"\n  Linux ({ls}): {results(lo)}\n  Astra ({status}): {results(out)}\n{out}"))
    return outs


TARGET_ARGS = []


def main():
    global ASTRA_CARGO, TARGET_ARGS
    astra_cargo, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    ASTRA_CARGO = astra_cargo
    target = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--target" else None
    TARGET_ARGS = ["--target", target] if target else []
    work = tempfile.mkdtemp(prefix="astra-cargo-test-")
    try:
        base = {k: v for k, v in os.environ.items() if not k.startswith(("CARGO", "RUST"))}
        base["PATH"] = "/usr/bin:/bin"
        base["CARGO_TARGET_DIR"] = os.path.join(work, "target")
        subprocess.run(["/usr/bin/cargo", "new", "--lib", "--quiet", "--vcs", "none", "fresh"],
                       cwd=work, env=base, check=True)
        crate = os.path.join(work, "fresh")
        with open(os.path.join(crate, "src", "lib.rs"), "w") as f:
            f.write(LIB)
        os.mkdir(os.path.join(crate, "tests"))
        with open(os.path.join(crate, "tests", "integration.rs"), "w") as f:
            f.write(INTEGRATION)

        linux_env = dict(base, RUSTC="/usr/bin/rustc")
        astra = dict(base, ASTRA_BUILD_DIR=build, ASTRA_RUNTIME_READY="1")
        hosted = dict(astra, ASTRA_RUN="host")

        for args, what in [([ "--lib", "--tests"], "all tests"),
                           (["--lib", "--tests", "--release"], "all tests, --release"),
                           (["--lib", "passes"], "a name filter"),
                           (["--lib", "--", "--ignored"], "--ignored"),
                           (["--lib", "--", "--test-threads", "2"], "--test-threads 2"),
                           # One thread: with two, printed output may land inside a result line.
                           (["--lib", "--", "--test-threads", "1", "--nocapture"],
                            "--test-threads 1 --nocapture"),
                           (["--test", "integration"], "the integration test")]:
            (ls, lo), (hs, ho), (ks, ko) = compare(crate, args, what, linux_env, hosted, astra)
            if what == "all tests":
                check(ls == 101, "a failing test makes cargo exit with 101")
                for out, where in [(ho, "hosted"), (ko, "kernel")]:
                    check("two and two" in out and "left: 4" in out,
                          f"the failing test's message is shown ({where})")
                    check("output of a passing test" not in out,
                          f"a passing test's output is captured ({where})")
            if "--nocapture" in args:
                check("output of a passing test" in ko, "--nocapture shows the output (kernel)")

        # A crate as `cargo new --lib` makes it, tested with the plain command: unit tests and
        # the doctest pass (which compiles the crate with rustdoc for Astra).
        subprocess.run(["/usr/bin/cargo", "new", "--lib", "--quiet", "--vcs", "none", "plain"],
                       cwd=work, env=base, check=True)
        plain = compare(os.path.join(work, "plain"), [], "cargo new --lib, plain `test`",
                        linux_env, hosted, astra)
        check(all(status == 0 for status, _ in plain),
              "cargo new --lib: `test` exits 0 on Linux, hosted and on the kernel")

        for name, source, edition in [("documented", DOCUMENTED, "2024"),
                                      ("old", DOCUMENTED_2021, "2021")]:
            subprocess.run(["/usr/bin/cargo", "new", "--lib", "--quiet", "--vcs", "none",
                            "--edition", edition, name], cwd=work, env=base, check=True)
            doc_crate = os.path.join(work, name)
            with open(os.path.join(doc_crate, "src", "lib.rs"), "w") as f:
                f.write(source)
            for args in ([], ["--doc"]):
                what = f"doctests, edition {edition}, `test{''.join(' ' + a for a in args)}`"
                outs = compare(doc_crate, args, what, linux_env, hosted, astra)
                check(outs[0][0] == 101, f"{what}: a failing doctest makes cargo exit with 101")
                check(any(" - add (line " in x or " - neg (line " in x
                          for x in results(outs[0][1]) if x.startswith("failed: ")),
                      f"{what}: Linux names the failing doctests")
                for (status, out), where in zip(outs[1:], ["hosted", "kernel"]):
                    check("error: doctest failed, to rerun pass `--doc`" in out,
                          f"{what}: cargo's doctest error is shown ({where})")
                    check(("two and two" if name == "documented" else "not negated") in out,
                          f"{what}: the failing doctest's message is shown ({where})")

        # A test binary that hangs is stopped at the timeout and reported.
        with open(os.path.join(crate, "tests", "hang.rs"), "w") as f:
            f.write(HANG)
        status, out = run([astra_cargo, "test", "--test", "hang"] + TARGET_ARGS, crate,
                          dict(astra, ASTRA_RUN_TIMEOUT="10"))
        # cargo passes the runner's status on: 124, as timeout(1) reports a timeout.
        check(status == 124 and "timed out after 10 s" in out and "exit status: 124" in out,
              f"a hanging test binary is stopped at ASTRA_RUN_TIMEOUT (status {status})")

        if target:
            # `cargo new` + `astra-cargo run --target ...` on the kernel, from the project's directory.
            subprocess.run(["/usr/bin/cargo", "new", "--quiet", "--vcs", "none", "hi"],
                           cwd=work, env=base, check=True)
            status, out = run([astra_cargo, "run", "--release"] + TARGET_ARGS + ["--", "arg"],
                              os.path.join(work, "hi"), astra)
            check(status == 0 and "Hello, world!" in out,
                  f"cargo new + astra-cargo run --target {target} prints its greeting on the kernel "
                  f"(status {status})" + ("" if status == 0 else f"\n{out}"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
