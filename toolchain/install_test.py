#!/usr/bin/env python3
"""`meson install` gives a toolchain that works without the checkout (issue #13).

Installs the build into a temporary prefix (meson install --destdir), then, from a directory
outside the source tree and with no Astra variable in the environment:
- builds a C program with `cc $(pkg-config --cflags --libs astra) hello.c -o hello` and runs
  it on the Astra kernel through the installed astra-run; its output and exit status must be
  those of the same source built with the host's glibc and run on Linux (and of the Astra
  binary itself run on the Linux host);
- makes a `cargo new` project, builds and runs it with the installed astra-cargo (on the
  kernel) and with cargo for x86_64-unknown-linux-gnu: same output, same status.

  install_test.py BUILD_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

HELLO_C = r'''
#include <astra/astra.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] %s\n", i, argv[i]);
    const char *v = getenv("ASTRA_INSTALL_TEST");
    printf("env %s\n", v ? v : "(unset)");
    char path[64];
    snprintf(path, sizeof path, "/tmp/astra-install-test-%d.txt", (int)getpid());
    FILE *f = fopen(path, "w+");
    if (!f) { perror("fopen"); return 2; }
    fprintf(f, "%s", "written and read back");
    rewind(f);
    char buf[64] = "";
    if (!fgets(buf, sizeof buf, f)) { perror("fgets"); return 3; }
    fclose(f);
    remove(path);
    printf("file %s\n", buf);
    char *p = malloc(1 << 20);
    memset(p, 7, 1 << 20);
    printf("malloc %d\n", p[12345]);
    free(p);
    return 42;
}
'''

MAIN_RS = r'''
use std::io::Write;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("args {:?}", args);
    println!("env {:?}", std::env::var("ASTRA_INSTALL_TEST").ok());
    let sum: u64 = std::thread::spawn(|| (1..=1000u64).sum()).join().unwrap();
    println!("thread sum {}", sum);
    let path = std::env::temp_dir().join(format!("astra-install-test-{}.txt", std::process::id()));
    std::fs::File::create(&path).unwrap().write_all(b"rust file").unwrap();
    println!("file {}", std::fs::read_to_string(&path).unwrap());
    std::fs::remove_file(&path).unwrap();
    let caught = std::panic::catch_unwind(|| panic!("caught")).is_err();
    println!("unwinding {}", caught);
    std::process::exit(7);
}
'''


def run(cmd, **kw):
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(cmd, **kw)


def check(cmd, **kw):
    r = run(cmd, **kw)
    if r.returncode:
        sys.stderr.write(f"FAILED ({r.returncode}): {' '.join(cmd)}\n{r.stdout.decode(errors='replace')}"
                         f"{r.stderr.decode(errors='replace')}")
        sys.exit(1)
    return r


def expect_same(what, oracle, astra):
    if (oracle.returncode, oracle.stdout) != (astra.returncode, astra.stdout):
        sys.stderr.write(f"FAIL {what}: Linux gave status {oracle.returncode} and\n"
                         f"{oracle.stdout.decode(errors='replace')}\nAstra gave status {astra.returncode} and\n"
                         f"{astra.stdout.decode(errors='replace')}{astra.stderr.decode(errors='replace')}")
        sys.exit(1)
    print(f"ok {what}: status {astra.returncode}, {len(astra.stdout)} bytes of output alike")


def main(argv):
    build = os.path.abspath(argv[1])
    work = tempfile.mkdtemp(prefix="astra-install-test-")
    try:
        dest = os.path.join(work, "dest")
        check(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest])
        prefix_opt = check(["meson", "introspect", build, "--buildoptions"]).stdout
        import json
        options = {o["name"]: o["value"] for o in json.loads(prefix_opt)}
        prefix = dest + options["prefix"]
        pc_dir = os.path.join(prefix, options["libdir"], "pkgconfig")
        bindir = os.path.join(prefix, options["bindir"])
        for f in [os.path.join(pc_dir, "astra.pc"), os.path.join(bindir, "astra-run"),
                  os.path.join(bindir, "astra-cargo")]:
            if not os.path.isfile(f):
                sys.exit(f"FAIL: {f} was not installed")

        env = {k: v for k, v in os.environ.items() if not k.startswith("ASTRA_")}
        env.update(PKG_CONFIG_PATH=pc_dir, ASTRA_INSTALL_TEST="from the caller",
                   PATH="/usr/bin:/bin:" + bindir, CARGO_HOME=os.path.join(work, "cargo-home"))
        env.pop("RUSTUP_TOOLCHAIN", None)
        outside = os.path.join(work, "elsewhere")
        os.makedirs(outside)

        # C, with the flags pkg-config gives.
        with open(os.path.join(outside, "hello.c"), "w") as f:
            f.write(HELLO_C)
        flags = check(["pkg-config", "--cflags", "--libs", "astra"], env=env).stdout.decode().split()
        check(["cc", *flags, "hello.c", "-o", "hello"], cwd=outside, env=env)
        # newlib's stdio (_write_r) over libastra's OS layer (_write), not the host's C library.
        symbols = set(check(["nm", "hello"], cwd=outside).stdout.decode().split())
        if not {"_write_r", "_write", "_start"} <= symbols or "__libc_start_main" in symbols:
            sys.exit("FAIL: hello was not linked with crt0, newlib and libastra")
        # The oracle: the same source on glibc (without the Astra header, the one difference).
        with open(os.path.join(outside, "hello_glibc.c"), "w") as f:
            f.write(HELLO_C.replace("#include <astra/astra.h>\n", ""))
        check(["cc", "hello_glibc.c", "-o", "hello-glibc"], cwd=outside, env=env)
        args = ["one", "two words", ""]
        oracle = run(["./hello-glibc", *args], cwd=outside, env=env)
        expect_same("C program on the Linux host (the Astra binary)", oracle,
                    run(["./hello", *args], cwd=outside, env=env))
        expect_same("C program on the Astra kernel (installed astra-run)", oracle,
                    run(["astra-run", "hello", *args], cwd=outside, env=env))
        traced = run(["astra-run", "--strace=trace.txt", "hello"], cwd=outside, env=env)
        with open(os.path.join(outside, "trace.txt")) as f:
            trace = f.read()
        if traced.returncode != 42 or "exit_group(42) = ?" not in trace or 'unlink("/tmp/astra-install-test-1.txt") = 0' not in trace:
            sys.exit(f"FAIL: the installed astra-run --strace (status {traced.returncode}):\n{trace}"
                     f"{traced.stderr.decode(errors='replace')}")
        print("ok installed astra-run --strace")

        # Rust, a fresh `cargo new` project.
        check(["/usr/bin/cargo", "new", "--quiet", "--offline", "--vcs", "none", "hello_rs"], cwd=outside, env=env)
        project = os.path.join(outside, "hello_rs")
        with open(os.path.join(project, "src", "main.rs"), "w") as f:
            f.write(MAIN_RS)
        oracle = run(["/usr/bin/cargo", "run", "--quiet", "--release", "--offline", "--", *args],
                     cwd=project, env=dict(env, RUSTC="/usr/bin/rustc"))
        if oracle.returncode != 7:
            sys.exit(f"FAIL: the Linux build of the cargo project: {oracle.stderr.decode(errors='replace')}")
        astra = run(["astra-cargo", "run", "--quiet", "--release", "--offline", "--", *args], cwd=project, env=env)
        expect_same("cargo new project on the Astra kernel (installed astra-cargo)", oracle, astra)
        exe = os.path.join(project, "target", "x86_64-unknown-astra", "release", "hello_rs")
        expect_same("cargo new project's Astra binary on the Linux host", oracle,
                    run([exe, *args], cwd=outside, env=env))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv)
