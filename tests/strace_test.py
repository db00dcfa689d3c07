#!/usr/bin/env python3
"""astra-run --strace against the host's strace (issue #13).

The same static program (tests/programs/strace_probe.c, crt0 + libastra + newlib) runs under
`strace` on the Linux host and under `astra-run --strace=FILE` on the Astra kernel: the
sequence of system calls and of their outcomes (the error name, or success) must be the
same. The only line dropped is the host's first, the `execve` strace sees the program start
with (the Astra kernel starts the program without one). Also checked: the decoded form of
a few calls (strings, flags, structs, error names), --strace on stderr leaving stdout the program's,
and a Rust std program (the hello example, with a thread) giving the same call names in its
main thread on both (futex calls left out: whether joining the thread waits is timing; a
run of munmap counted once: the allocator's trimming depends on the address mmap returns).

  strace_test.py ASTRA_RUN TEST_BIN_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

LINE = re.compile(r"^(?:\[pid\s+(\d+)\] )?(\w+)\((.*)\)\s+= (.*)$")


def calls(text, tid=None):
    """(name, outcome) for each complete call line of strace's output (only thread tid's, if
    given: the lines without a [pid N] prefix or with tid's)."""
    out = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m and (tid is None or m.group(1) in (None, str(tid))):
            err = re.match(r"-1 (E[A-Z0-9]+)", m.group(4))
            out.append((m.group(2), err.group(1) if err else "ok"))
    return out


def host_trace(program, work):
    log = os.path.join(work, "host.strace")
    r = subprocess.run(["strace", "-qq", "-o", log, program], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with open(log) as f:
        text = f.read()
    got = calls(text)
    if not got or got[0][0] != "execve":
        sys.exit(f"FAIL: the host's strace output does not start with execve:\n{text}")
    return r, got[1:], text


def astra_trace(astra_run, program, work):
    log = os.path.join(work, "astra.strace")
    r = subprocess.run([astra_run, f"--strace={log}", program], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with open(log) as f:
        text = f.read()
    return r, calls(text, tid=1), text


def timing_free(calls):
    out = []
    for c in calls:
        if c[0] != "futex" and not (c[0] == "munmap" and out and out[-1][0] == "munmap"):
            out.append(c)
    return out


def compare(what, host, astra, key):
    h = [key(c) for c in host]
    a = [key(c) for c in astra]
    if h != a:
        import difflib
        diff = "\n".join(difflib.unified_diff([str(x) for x in h], [str(x) for x in a], "Linux (strace)",
                                              "Astra (astra-run --strace)", lineterm=""))
        sys.exit(f"FAIL {what}: the call sequences differ:\n{diff}")
    print(f"ok {what}: {len(a)} calls alike")


def main(argv):
    astra_run, bin_dir = argv[1], argv[2]
    if not shutil.which("strace"):
        print("SKIP: strace is not installed (scripts/install-deps.sh installs it)")
        return 77
    work = tempfile.mkdtemp(prefix="astra-strace-test-")
    try:
        probe = os.path.join(bin_dir, "strace_probe")
        hr, host, _ = host_trace(probe, work)
        ar, astra, text = astra_trace(astra_run, probe, work)
        if (hr.returncode, hr.stdout) != (7, b"done\n") or (ar.returncode, ar.stdout) != (7, b"done\n"):
            sys.exit(f"FAIL: strace_probe ended with {hr.returncode} on Linux, {ar.returncode} on Astra: "
                     f"{ar.stderr.decode(errors='replace')}")
        compare("strace_probe (C on newlib): names and outcomes", host, astra, lambda c: c)
        for expected in [r'open\("/tmp/astra-strace-1", O_WRONLY\|O_CREAT\|O_TRUNC, 0644\) = 3',
                         r'write\(3, "traced bytes\\n", 13\) = 13',
                         r'stat\("/tmp/astra-strace-1", \{st_dev=\d+, .*st_mode=0100644, .*st_size=13, .*'
                         r'st_mtim=\{tv_sec=\d+, tv_nsec=\d+\}, .*\}\) = 0',
                         r'read\(3, "traced bytes\\n", 31\) = 13',
                         r'lseek\(3, 2, SEEK_SET\) = 2',
                         r'open\("/no/such/file", O_RDONLY\) = -1 ENOENT \(No such file or directory\)',
                         r'close\(-5\) = -1 EBADF \(Bad file descriptor\)',
                         r'mkdir\("/tmp", 0755\) = -1 EEXIST \(File exists\)',
                         r'link\("/tmp/astra-strace-1", "/tmp/astra-strace-1.l"\) = -1 EEXIST \(File exists\)',
                         r'exit_group\(7\) = \?',
                         r'\+\+\+ exited with 7 \+\+\+']:
            if not re.search("^" + expected + "$", text, re.M):
                sys.exit(f"FAIL: no line like {expected} in the Astra trace:\n{text}")
        print("ok decoded arguments, results and errors")

        # Without a file, the trace goes to stderr and stdout stays the program's.
        r = subprocess.run([astra_run, "--strace", probe], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        err = r.stderr.decode(errors="replace")
        if r.returncode != 7 or r.stdout != b"done\n" or 'write(1, "done\\n", 5) = 5' not in err:
            sys.exit(f"FAIL: --strace on stderr: status {r.returncode}, stdout {r.stdout!r}, stderr:\n{err}")
        print("ok --strace on stderr")

        hello = os.path.join(bin_dir, "rust-hello")
        if os.path.exists(hello):
            hr, host, _ = host_trace(hello, work)
            ar, astra, _ = astra_trace(astra_run, hello, work)
            if hr.returncode != ar.returncode or hr.stdout != ar.stdout:
                sys.exit("FAIL: rust-hello differs between Linux and Astra under tracing")
            # The main thread's calls (strace without -f follows only it), without futex (whether
            # join has to wait for the thread depends on timing) and with a run of munmap as one
            # (the allocator trims an aligned mapping's head and tail: how many depends on the
            # address mmap gave, random on Linux).
            compare("rust-hello (Rust std), the main thread: names, futex left out, munmap runs as one",
                    timing_free(host), timing_free(astra), lambda c: c[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
