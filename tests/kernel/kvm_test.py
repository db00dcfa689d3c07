#!/usr/bin/env python3
"""astra-run --kvm against Linux (docs/kvm.md): each program runs on the Linux host and on the
Astra kernel under KVM, and must print the same and end with the same status. Under PVM's
native mode (kernel mode emulated, user mode on the CPU) this covers the kernel's FXSAVE
images and the system calls that reach it as faults; under a KVM with VMX or SVM, the
ordinary paths. Skipped (77) without a usable /dev/kvm, so that machines without KVM stay
green; astra-run's status 126 (KVM stopped the machine) is a failure.

  kvm_test.py ASTRA_RUN BIN_DIR
"""
import fcntl
import os
import subprocess
import sys

KVM_GET_API_VERSION = 0xae00


def kvm_usable():
    """Whether this process can open /dev/kvm and speaks its API version (12)."""
    try:
        fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    except OSError as e:
        return f"/dev/kvm: {e.strerror}"
    try:
        version = fcntl.ioctl(fd, KVM_GET_API_VERSION)
    except OSError as e:
        return f"KVM_GET_API_VERSION: {e.strerror}"
    finally:
        os.close(fd)
    return None if version == 12 else f"KVM API version {version}, not 12"


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def main():
    astra_run, bin_dir = sys.argv[1:3]
    why = kvm_usable()
    if why:
        print(f"skipped: no usable KVM ({why})")
        return 77
    # Kernel mode under PVM runs at about a thousandth of the CPU's speed: cases light on
    # system calls (proc_probe signals, with its 300 forks, takes minutes there).
    cases = [
        ("proc_probe", ["pipes"]),
        ("proc_probe", ["processes"]),
        ("rust-hello", []),
        ("rust-threads", []),
    ]
    failures = 0
    for program, args in cases:
        path = os.path.join(bin_dir, program)
        name = " ".join([program] + args)
        host = run([path] + args)
        astra = run([astra_run, "--kvm", path] + args)
        ok = host[0] == astra[0] and host[1] == astra[1]
        print(("ok   " if ok else "FAIL ") + f"{name}: the same under KVM as on Linux "
              f"(status {astra[0]}, Linux {host[0]})")
        if not ok:
            print(f"--- Linux:\n{host[1]}{host[2]}--- Astra under KVM:\n{astra[1]}{astra[2]}")
        failures += not ok
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
