#!/usr/bin/env python3
"""`astra-cargo test` behaves as `cargo test` on Linux (issue #9's acceptance check).

A fresh `cargo new --lib` crate with passing, failing, #[should_panic], ignored and
output-printing unit tests plus an integration test is tested three ways: `cargo test` for
x86_64-unknown-linux-gnu (the oracle), `astra-cargo test` on the Linux host (ASTRA_RUN=host)
and `astra-cargo test` on the Astra kernel. Each test's result, the summary lines and the
exit status (101 with a failing test) must be the same; filters, --ignored, --nocapture,
--test-threads and --release too. A hanging test binary is stopped at ASTRA_RUN_TIMEOUT.

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

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(cmd, cwd, env):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors="replace")
    return p.returncode, p.stdout


def results(out):
    """Each test's verdict and the summary lines, timing removed; sorted (threads interleave)."""
    lines = []
    for line in out.splitlines():
        if re.match(r"^test .* \.\.\. ", line):
            lines.append(line.strip())
        elif line.startswith("test result:"):
            lines.append(re.sub(r"; finished in .*", "", line.strip()))
        elif line.startswith("running "):
            lines.append(line.strip())
    return sorted(lines)


def main():
    astra_cargo, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    target = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--target" else None
    target_args = ["--target", target] if target else []
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

        def three(args):
            """(status, output) on Linux, Astra hosted and the Astra kernel."""
            return (run(["/usr/bin/cargo", "test"] + args, crate, linux_env),
                    run([astra_cargo, "test"] + target_args + args, crate, hosted),
                    run([astra_cargo, "test"] + target_args + args, crate, astra))

        for args, what in [([ "--lib", "--tests"], "all tests"),
                           (["--lib", "--tests", "--release"], "all tests, --release"),
                           (["--lib", "passes"], "a name filter"),
                           (["--lib", "--", "--ignored"], "--ignored"),
                           (["--lib", "--", "--test-threads", "2"], "--test-threads 2"),
                           # One thread: with two, printed output may land inside a result line.
                           (["--lib", "--", "--test-threads", "1", "--nocapture"],
                            "--test-threads 1 --nocapture"),
                           (["--test", "integration"], "the integration test")]:
            (ls, lo), (hs, ho), (ks, ko) = three(args)
            check(results(lo) != [], f"{what}: Linux ran tests (status {ls})")
            check(hs == ls and results(ho) == results(lo),
                  f"{what}: Astra hosted gives Linux's results and status {ls}"
                  + ("" if hs == ls and results(ho) == results(lo) else
                     f"\n  Linux ({ls}): {results(lo)}\n  Astra ({hs}): {results(ho)}\n{ho}"))
            check(ks == ls and results(ko) == results(lo),
                  f"{what}: the Astra kernel gives Linux's results and status {ls}"
                  + ("" if ks == ls and results(ko) == results(lo) else
                     f"\n  Linux ({ls}): {results(lo)}\n  Astra ({ks}): {results(ko)}\n{ko}"))
            if what == "all tests":
                check(ls == 101, "a failing test makes cargo exit with 101")
                for out, where in [(ho, "hosted"), (ko, "kernel")]:
                    check("two and two" in out and "left: 4" in out,
                          f"the failing test's message is shown ({where})")
                    check("output of a passing test" not in out,
                          f"a passing test's output is captured ({where})")
            if "--nocapture" in args:
                check("output of a passing test" in ko, "--nocapture shows the output (kernel)")

        # A test binary that hangs is stopped at the timeout and reported.
        with open(os.path.join(crate, "tests", "hang.rs"), "w") as f:
            f.write(HANG)
        status, out = run([astra_cargo, "test", "--test", "hang"] + target_args, crate,
                          dict(astra, ASTRA_RUN_TIMEOUT="10"))
        # cargo passes the runner's status on: 124, as timeout(1) reports a timeout.
        check(status == 124 and "timed out after 10 s" in out and "exit status: 124" in out,
              f"a hanging test binary is stopped at ASTRA_RUN_TIMEOUT (status {status})")

        if target:
            # `cargo new` + `astra-cargo run --target ...` on the kernel, from the project's directory.
            subprocess.run(["/usr/bin/cargo", "new", "--quiet", "--vcs", "none", "hi"],
                           cwd=work, env=base, check=True)
            status, out = run([astra_cargo, "run", "--release"] + target_args + ["--", "arg"],
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
