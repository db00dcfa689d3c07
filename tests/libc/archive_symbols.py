#!/usr/bin/env python3
"""archive_symbols.py ARCHIVE SYMBOLS: libastra-unix.a defines every symbol listed in SYMBOLS
(one per line, # comments), holds no object of libastra's newlib layer (libastra/newlib/,
whose ABI differs from musl's) and defines none of newlib's OS-layer entry points."""
import subprocess
import sys

NEWLIB_NAMES = {'_read', '_write', '_open', '_close', '_fstat', '_sbrk', '_isatty', '_lseek', '__errno',
                '_impure_ptr', '_read_r', '_write_r', '_malloc_r', '_free_r'}


def main(archive, symbols_path):
    members = subprocess.run(['ar', 't', archive], capture_output=True, text=True, check=True).stdout.split()
    nm = subprocess.run(['nm', '--defined-only', archive], capture_output=True, text=True, check=True).stdout
    defined = {f[2] for f in (line.split() for line in nm.splitlines()) if len(f) == 3}
    wanted = [s.strip() for s in open(symbols_path) if s.strip() and not s.startswith('#')]
    problems = [f'missing: {s}' for s in wanted if s not in defined]
    problems += [f'newlib layer object: {m}' for m in members if m.startswith('newlib_')]
    problems += [f'newlib OS-layer symbol: {s}' for s in sorted(NEWLIB_NAMES & defined)]
    print(f'{len(wanted)} symbols checked, {len(members)} archive members')
    if problems:
        sys.exit('\n'.join(problems))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
