#!/usr/bin/env python3
"""A stock Debian Linux kernel booted in QEMU with one static program as /init (pid 1), for
comparisons that must not run on the host (bench/kernel.py; tests/kernel/oom_test.c runs
the OOM killer's probe in it). As a command:

  bench/linux_guest.py [--memory 256M] [--timeout 300] PROGRAM [ARGS...]

boots the program with ARGS in a machine of that memory (QEMU under TCG, -cpu max, two CPUs)
and prints what the program wrote on the serial console; the kernel's own messages (timestamped)
go to stderr. Exit status 0 when the machine powered off, 124 on timeout, 126 without a
Linux kernel in /boot (it is not installed from here: bench/kernel.py does that).
"""
import argparse
import glob
import gzip
import os
import re
import subprocess
import sys
import tempfile

QEMU_BASE = ["/usr/bin/qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-smp", "2",
             "-display", "none", "-no-reboot", "-monitor", "none"]


def linux_kernel(install=False):
    """The newest /boot/vmlinuz-*, installing Debian's linux-image-amd64 first if asked; or None."""
    found = sorted(glob.glob("/boot/vmlinuz-*"))
    if not found and install:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                               "linux-image-amd64"], check=True, env=env, stdout=subprocess.DEVNULL)
        found = sorted(glob.glob("/boot/vmlinuz-*"))
    return found[-1] if found else None


def newc_entry(name, mode, data=b"", rdev=(0, 0), ino=[1]):
    ino[0] += 1
    name_b = name.encode() + b"\0"
    fields = [ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0]
    head = b"070701" + b"".join(b"%08x" % f for f in fields) + name_b
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)


def write_initramfs(path, init, extra=()):
    """A gzipped newc archive: /init (the file init), executables named in extra (paths, kept
    under their base names), /dev/console (so the kernel gives init its stdout), /tmp, /proc."""
    def read(p):
        with open(p, "rb") as f:
            return f.read()
    cpio = (newc_entry("dev", 0o40755) + newc_entry("dev/console", 0o20600, rdev=(5, 1)) +
            newc_entry("tmp", 0o41777) + newc_entry("proc", 0o40755) +
            newc_entry("init", 0o100755, read(init)) +
            b"".join(newc_entry(os.path.basename(e), 0o100755, read(e)) for e in extra) +
            newc_entry("TRAILER!!!", 0))
    with gzip.open(path, "wb") as f:
        f.write(cpio)


def command(vmlinuz, initramfs, memory, args):
    """QEMU's command line booting the initramfs's /init with args on ttyS0 (stdio)."""
    return QEMU_BASE + ["-m", memory, "-kernel", vmlinuz, "-initrd", initramfs, "-serial", "stdio",
                        "-append", " ".join(["console=ttyS0 quiet panic=-1", "--"] + list(args))]


# A kernel message; the console may print one in the middle of a line of the program's.
KERNEL_MESSAGE = re.compile(r"\[\s*\d+\.\d+\] [^\n]*\n?")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--memory", default="256M")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("program")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    opt = ap.parse_args()
    vmlinuz = linux_kernel()
    if not vmlinuz:
        print("linux_guest: no Linux kernel in /boot (bench/kernel.py installs one)", file=sys.stderr)
        return 126
    with tempfile.TemporaryDirectory(prefix="linux-guest-") as work:
        initramfs = os.path.join(work, "initramfs.cpio.gz")
        write_initramfs(initramfs, opt.program)
        try:
            done = subprocess.run(command(vmlinuz, initramfs, opt.memory, opt.args), stdout=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, timeout=opt.timeout)
        except subprocess.TimeoutExpired:
            print("linux_guest: timed out", file=sys.stderr)
            return 124
    text = done.stdout.decode(errors="replace").replace("\r", "")
    sys.stderr.write("".join(KERNEL_MESSAGE.findall(text)))
    sys.stdout.write(KERNEL_MESSAGE.sub("", text))
    return 0 if done.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
