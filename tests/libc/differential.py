#!/usr/bin/env python3
"""differential.py ASTRA_PROGRAM GLIBC_PROGRAM [SECTION...]: runs the probe built against
libastra's unix C library and the same source built against glibc on the host, section by
section, and fails with a diff when their output or exit status differ."""
import difflib
import subprocess
import sys
import tempfile

SECTIONS = ['abi', 'errno', 'threads', 'signals', 'spawn', 'files', 'io', 'resolve', 'system', 'exit']


def run(program, section, tmp):
    p = subprocess.run([program, section], capture_output=True, text=True, timeout=60,
                       env={'PATH': '/usr/bin:/bin', 'HOME': '/root', 'TMPDIR': tmp})
    return p.stdout.splitlines() + [f'exit status {p.returncode}'] + \
        ([f'stderr: {line}' for line in p.stderr.splitlines()])


def main(argv):
    astra, glibc = argv[1], argv[2]
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for section in argv[3:] or SECTIONS:
            mine, oracle = run(astra, section, tmp), run(glibc, section, tmp)
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
