#!/usr/bin/env python3
"""meson install script: copies directory trees that the build makes outside meson's
knowledge (newlib's headers, the Rust sysroot) under the installation prefix.

  install_trees.py SOURCE_DIR DEST_UNDER_PREFIX [SOURCE_DIR DEST_UNDER_PREFIX ...]
"""
import os
import shutil
import sys


def main(argv):
    prefix = os.environ["MESON_INSTALL_DESTDIR_PREFIX"]
    pairs = argv[1:]
    if not pairs or len(pairs) % 2:
        sys.exit(__doc__)
    for src, dest in zip(pairs[::2], pairs[1::2]):
        if not os.path.isdir(src):
            sys.exit(f"install_trees.py: {src} is missing (build first)")
        target = os.path.join(prefix, dest)
        if not os.environ.get("MESON_INSTALL_QUIET"):
            print(f"Installing tree {src} to {target}")
        shutil.copytree(src, target, symlinks=True, dirs_exist_ok=True)


if __name__ == "__main__":
    main(sys.argv)
