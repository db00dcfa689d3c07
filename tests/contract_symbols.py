#!/usr/bin/env python3
"""Every function hermit-abi 0.5.2 declares (its extern "C" block: link_name attributes and
plain declarations) and every function astra/astra.h declares is defined in libastra.a.

  contract_symbols.py HERMIT_LIB_RS ASTRA_H LIBASTRA_A
"""
import re
import subprocess
import sys


def hermit_symbols(lib_rs):
    text = open(lib_rs).read()
    block = text[text.index('extern "C" {'):]
    names = set(re.findall(r'#\[link_name = "(\w+)"\]', block))
    names |= set(re.findall(r'^\s*fn (sys_\w+)\(', block, re.M))
    return names


def header_symbols(header):
    text = re.sub(r'/\*.*?\*/', '', open(header).read(), flags=re.S)
    return set(re.findall(r'\b(sys_\w+)\(', text))


def defined_symbols(archive):
    out = subprocess.run(['nm', '-g', '--defined-only', archive], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines() if re.match(r'^[0-9a-f]+ [TW] ', line)}


def main(lib_rs, header, archive):
    hermit, declared, defined = hermit_symbols(lib_rs), header_symbols(header), defined_symbols(archive)
    failed = False
    for name in sorted(hermit - defined):
        print(f'hermit-abi declares {name}, libastra.a does not define it')
        failed = True
    for name in sorted(hermit - declared):
        print(f'hermit-abi declares {name}, astra/astra.h does not')
        failed = True
    for name in sorted(declared - defined):
        print(f'astra/astra.h declares {name}, libastra.a does not define it')
        failed = True
    if len(hermit) < 80:
        print(f'only {len(hermit)} hermit-abi functions found: the parser is broken')
        failed = True
    print(f'{len(hermit)} hermit-abi functions, {len(declared)} in astra/astra.h, all defined'
          if not failed else 'FAILED')
    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
