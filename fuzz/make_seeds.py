#!/usr/bin/env python3
"""Writes the hand-made seed inputs of fuzz/corpus/ (run from anywhere; the files are in the
repository, this says how they were made). Findings' regression inputs are added by hand
under fuzz/corpus/<name>/regress-*."""
import io
import os
import struct
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))


def put(harness, name, data):
    d = os.path.join(HERE, 'corpus', harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def elf(phdrs, etype=2, machine=62, entry=0x400080, phoff=64, pad=0x200):
    eh = b'\x7fELF' + bytes([2, 1, 1, 0]) + bytes(8)
    eh += struct.pack('<HHIQQQIHHHHHH', etype, machine, 1, entry, phoff, 0, 0, 64, 56, len(phdrs), 64, 0, 0)
    body = eh + b''.join(struct.pack('<IIQQQQQQ', *p) for p in phdrs)
    return body + bytes(max(0, pad - len(body)))


PT_LOAD, PT_INTERP, PT_PHDR, PT_TLS, PT_GNU_STACK = 1, 3, 6, 7, 0x6474e551
text = (PT_LOAD, 5, 0, 0x400000, 0x400000, 0x180, 0x180, 0x1000)
data = (PT_LOAD, 6, 0x180, 0x401180, 0x401180, 0x40, 0x2000, 0x1000)
stack = (PT_GNU_STACK, 6, 0, 0, 0, 0, 0, 16)
put('elf', 'static', elf([text, data, stack]))
put('elf', 'static-phdr-tls', elf([(PT_PHDR, 4, 64, 0x400040, 0x400040, 4 * 56, 4 * 56, 8), text, data,
                                   (PT_TLS, 4, 0x180, 0x401180, 0x401180, 8, 16, 8)]))
put('elf', 'dynamic', elf([(PT_INTERP, 4, 0x100, 0x400100, 0x400100, 28, 28, 1), text]))
put('elf', 'pie', elf([text], etype=3))
put('elf', 'truncated', elf([text, data])[:150])
put('elf', 'entry-outside', elf([text, data], entry=0x401190))

def tar(members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for name, kind, content in members:
            info = tarfile.TarInfo(name)
            info.type, info.mode, info.mtime = kind, 0o755 if kind == tarfile.DIRTYPE else 0o644, 0
            info.size = len(content)
            t.addfile(info, io.BytesIO(content))
    return buf.getvalue()[:4096]

put('tar', 'files', tar([('./', tarfile.DIRTYPE, b''), ('./hello', tarfile.REGTYPE, b'hello world\n'),
                         ('etc/', tarfile.DIRTYPE, b''), ('etc/hosts', tarfile.REGTYPE, b'127.0.0.1 localhost\n')]))
put('tar', 'prefix', tar([('d' * 120 + '/' + 'f' * 90, tarfile.REGTYPE, b'x' * 600),
                          ('link', tarfile.SYMTYPE, b'')]))

put('cmdline', 'full', 'console=ttyS0 init=/hello argv0=hi arg=one arg= arg=two%20words env=A=1 '
    'env=B=%25x strace=1 tty=24x80 net=10.0.2.15/24,gw=10.0.2.2 quiet')
put('cmdline', 'bad-escape', 'init=/x arg=%zz arg=%4')
put('cmdline', 'empty-values', 'a= b= init= arg=%00x env==')

put('script', 'sh', '/bin/sh\n')
put('script', 'env-arg', '/usr/bin/env   python3 -u  \necho\n')
put('script', 'tabs', '\t/bin/busybox\tsh\t\n')
put('script', 'no-newline', '/bin/interpreter-with-a-long-name ' + 'a' * 200)

put('path', 'links', '/a/b\n../file\nl0/c/../../l1')
put('path', 'loop', 'l1\nl0\n/a/l0/x')
put('path', 'dirs', '/a/b/up/a/./b//c/')
put('path', 'proc', '/proc/self/exe')
put('path', 'file-as-dir', '/a/file/x')
put('path', 'relative', '../../..//a/b/newdir')

for i, a in enumerate(['127.0.0.1', '0x7f.1', '017.0.0.1', '4294967295', '1.2.65535', '::1',
                       'fe80::1%2', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8', '1::', '::', '1::2:3.4.5.6']):
    put('addr', 'a%02d' % i, a)

put('hosts', 'hosts', 'server\n127.0.0.1\tlocalhost\n::1 localhost ip6-localhost\n# comment\n'
    '10.0.0.1 Server.example server # web\nfe80::1%3 linklocal\n10.0.0.2 server\n')
put('hosts', 'services', 'http\nhttp\t80/tcp www # web\nhttp 80/udp\nftp 21/tcp\nbad 99999/tcp\nx\n')
put('hosts', 'overlong', 'x\n' + 'y' * 5000 + '\n1.2.3.4 x\n')
