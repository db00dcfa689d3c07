#!/usr/bin/env python3
"""The std overlay's Rust mirrors of C constants hold the C values.

Every integer constant the overlay defines (`const NAME: TYPE = VALUE;` in its .rs files) is
the value of a C expression: ASTRA_NAME from libastra's headers, or for the ELF constants of
the backtrace reader the host's <elf.h>. A constant this script cannot pair with a C
expression is a failure too, so that a new mirror is checked from the day it is written.

  rust_constants.py OVERLAY_DIR INCLUDE_DIR...
"""
import os
import re
import subprocess
import sys
import tempfile

# Rust name -> C expression, where ASTRA_<name> is not it.
ELF = {
    "PT_LOAD": "PT_LOAD", "EHDR_SIZE": "sizeof(Elf64_Ehdr)", "PHDR_SIZE": "sizeof(Elf64_Phdr)",
    "SHDR_SIZE": "sizeof(Elf64_Shdr)", "SYM_SIZE": "sizeof(Elf64_Sym)", "SHT_SYMTAB": "SHT_SYMTAB",
    "SHT_STRTAB": "SHT_STRTAB", "STT_FUNC": "STT_FUNC", "SHN_UNDEF": "SHN_UNDEF",
}
CONST = re.compile(r'^\s*(?:pub(?:\([\w:]+\))?\s+)?const ([A-Z][A-Z0-9_]*): *([iu](?:8|16|32|64|size)) *= *'
                   r'(-?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[0-9_]+));', re.M)


def rust_int(text):
    neg = text.startswith("-")
    text = text.lstrip("-").replace("_", "")
    base = {"0x": 16, "0o": 8, "0b": 2}.get(text[:2], 10)
    value = int(text[2:] if base != 10 else text, base)
    return -value if neg else value


def overlay_constants(root):
    found = []
    for dirpath, _, names in os.walk(root):
        for n in sorted(names):
            if n.endswith(".rs"):
                path = os.path.join(dirpath, n)
                for m in CONST.finditer(open(path).read()):
                    found.append((os.path.relpath(path, root), m.group(1), rust_int(m.group(3))))
    return found


def c_values(exprs, includes):
    """The values of the C expressions, from one small program compiled and run on the host."""
    lines = ["#include <elf.h>", "#include <stdio.h>", "#include <astra/abi.h>", "#include <astra/astra.h>",
             "int main(void) {"]
    lines += [f'    printf("%lld\\n", (long long)({e}));' for e in exprs]
    lines += ["    return 0;", "}"]
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, "c.c"), os.path.join(tmp, "c")
        with open(src, "w") as f:
            f.write("\n".join(lines) + "\n")
        cmd = ["cc", "-std=gnu11", "-o", exe, src] + [f"-I{d}" for d in includes]
        subprocess.run(cmd, check=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    return [int(v) for v in out.split()]


def main():
    root, includes = sys.argv[1], sys.argv[2:]
    consts = overlay_constants(root)
    if not consts:
        sys.exit(f"no constants found under {root}: the pattern or the path is wrong")
    exprs = [ELF.get(name, f"ASTRA_{name}") for _, name, _ in consts]
    # Compile once per expression first to name the ones C does not know.
    unknown = []
    for (path, name, _), e in zip(consts, exprs):
        probe = subprocess.run(["cc", "-std=gnu11", "-fsyntax-only", "-xc", "-"] + [f"-I{d}" for d in includes],
                               input=f"#include <elf.h>\n#include <astra/abi.h>\n#include <astra/astra.h>\n"
                                     f"long long v = ({e});\n", text=True, capture_output=True)
        if probe.returncode:
            unknown.append(f"{path}: {name}: no C constant {e}")
    if unknown:
        print("\n".join(unknown))
        sys.exit(1)
    bad = 0
    for (path, name, value), e, c in zip(consts, exprs, c_values(exprs, includes)):
        ok = value == c
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {path}: {name} = {value}, C {e} = {c}")
    print(f"{len(consts)} constants, {bad} differ")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
