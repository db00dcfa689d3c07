#!/usr/bin/env python3
"""Builds one libFuzzer harness with clang: each source compiled on its own (with the flags),
then linked; one depfile for ninja with every header any source included.

usage: build_harness.py CLANG OUTPUT DEPFILE FLAG... -- SOURCE..."""
import os
import subprocess
import sys


def main():
    clang, output, depfile = sys.argv[1:4]
    sep = sys.argv.index('--')
    flags, sources = sys.argv[4:sep], sys.argv[sep + 1:]
    objdir = output + '.p'
    os.makedirs(objdir, exist_ok=True)
    objects, deps = [], []
    for i, src in enumerate(sources):
        obj = os.path.join(objdir, '%d-%s.o' % (i, os.path.basename(src)))
        dep = obj + '.d'
        subprocess.run([clang, *flags, '-c', src, '-o', obj, '-MD', '-MF', dep], check=True)
        objects.append(obj)
        with open(dep) as f:
            text = f.read().replace('\\\n', ' ')
        deps += text.split(':', 1)[1].split()
    subprocess.run([clang, *flags, *objects, '-o', output], check=True)
    with open(depfile, 'w') as f:
        f.write(output.replace(' ', '\\ ') + ': ' + ' '.join(sorted(set(deps))) + '\n')


if __name__ == '__main__':
    main()
