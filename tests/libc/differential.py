#!/usr/bin/env python3
"""differential.py [--kernel] ASTRA_PROGRAM GLIBC_PROGRAM [SECTION...]: runs the probe built
against libastra's unix C library and the same source built against glibc, section by
section, and fails with a diff when their output or exit status differ. The glibc program
always runs on the host; the Astra one too, or with --kernel on the Astra kernel through
$ASTRA_RUN (astra-run; its stderr, where the kernel's warnings go, is not compared)."""
import difflib
import os
import subprocess
import sys
import tempfile

SECTIONS = ['abi', 'errno', 'threads', 'signals', 'spawn', 'files', 'io', 'resolve', 'system', 'misc', 'more', 'exit']
# On the kernel: not spawn (the guest has no /bin/sh), io (no socketpair, sendmsg, epoll yet:
# ENOSYS) and system (uname says Astra, no /etc/passwd, pid 1 has no parent).
KERNEL_SECTIONS = ['abi', 'errno', 'threads', 'signals', 'files', 'resolve', 'exit']


def run(command, tmp, with_stderr=True):
    p = subprocess.run(command, capture_output=True, text=True, timeout=240,
                       env={'PATH': '/usr/bin:/bin', 'HOME': '/', 'TMPDIR': tmp,
                            **{k: v for k, v in os.environ.items() if k.startswith('ASTRA_RUN_')}})
    lines = p.stdout.splitlines() + [f'exit status {p.returncode}']
    return lines + ([f'stderr: {line}' for line in p.stderr.splitlines()] if with_stderr else [])


def main(argv):
    kernel = argv[1:2] == ['--kernel']
    args = argv[2:] if kernel else argv[1:]
    astra, glibc = args[0], args[1]
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for section in args[2:] or (KERNEL_SECTIONS if kernel else SECTIONS):
            oracle = run([glibc, section], tmp)
            if kernel:
                mine = run([os.environ['ASTRA_RUN'], astra, section], '/tmp', with_stderr=False)
            else:
                mine = run([astra, section], tmp)
            if mine == oracle:
                print(f'{section}: {len(mine)} lines agree')
                continue
            failed.append(section)
            print(f'{section}: differs')
            sys.stdout.writelines(line + '\n' for line in
                                  difflib.unified_diff(oracle, mine, 'glibc', 'libastra-unix', lineterm=''))
    if failed:
        sys.exit(f'sections that differ from glibc: {" ".join(failed)}')


if __name__ == '__main__':
    main(sys.argv)
