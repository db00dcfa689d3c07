#!/usr/bin/env python3
"""The network card and lwIP (issue #12): programs on the Astra kernel talk TCP and UDP with
the host through QEMU's restricted user network (astra-run --forward / --guest-forward).
tests/programs/net_peer.c is the guest side; each case checks exact results (CRC-32 of the
bytes moved, echoed contents, error names).

  net_virtio_test.py ASTRA_RUN TEST_BIN_DIR HTTP_SERVER [--mib N] [--sequential N] [--concurrent N]
"""
import argparse
import os
import socket
import subprocess
import sys
import threading
import time
import zlib

failures = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}")
    if not ok:
        failures.append(name)


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Guest:
    """net_peer on the kernel under astra-run; waits for its "listening" line when asked."""

    def __init__(self, args, peer_args, listening=True, timeout=240):
        cmd = [ASTRA_RUN, "--timeout", str(timeout), *args, PEER, *peer_args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = []
        if listening:
            line = self.proc.stdout.readline()
            self.lines.append(line)
            if line.strip() != "listening":
                out, err = self.proc.communicate()
                raise RuntimeError(f"guest did not listen: {line!r} {out!r} {err!r}")

    def finish(self):
        out, err = self.proc.communicate(timeout=300)
        return self.proc.returncode, "".join(self.lines) + out, err


def connect_retry(port, kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.settimeout(60)
    s.connect(("127.0.0.1", port))
    return s


def host_to_guest(mib):
    port = free_port()
    g = Guest(["--forward", f"{port}:7000"], ["tcp-sink", "7000"])
    data = os.urandom(1 << 20) * mib  # mib MiB (repeated random block)
    start = time.monotonic()
    s = connect_retry(port)
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    reply = b""
    while chunk := s.recv(4096):
        reply += chunk
    elapsed = time.monotonic() - start
    s.close()
    status, out, err = g.finish()
    want = f"{len(data)} {zlib.crc32(data):08x}\n"
    check(f"host to guest TCP, {mib} MiB, CRC-32 checked", reply.decode() == want and status == 0,
          f"reply {reply!r}, want {want!r}, status {status}, {err[-2000:]}")
    print(f"     {len(data) / elapsed / 1e6:.1f} MB/s host to guest")


def guest_to_host(mib):
    port = free_port()
    server = socket.socket()
    server.bind(("127.0.0.1", port))
    server.listen(1)
    result = {}

    def serve():
        c, _ = server.accept()
        crc, total = 0, 0
        while chunk := c.recv(1 << 16):
            crc = zlib.crc32(chunk, crc)
            total += len(chunk)
        c.sendall(f"{total} {crc:08x}\n".encode())
        c.close()
        result["total"] = total

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    g = Guest(["--guest-forward", f"8000:{port}"], ["tcp-source", "10.0.2.100", "8000", str(mib << 20)],
              listening=False)
    status, out, err = g.finish()
    check(f"guest to host TCP, {mib} MiB, CRC-32 checked",
          status == 0 and "the peer's hash matches" in out and result.get("total") == mib << 20,
          f"status {status}, {out!r}, {err[-2000:]}")
    server.close()


def connections(sequential, concurrent):
    port = free_port()
    g = Guest(["--forward", f"{port}:7001"], ["echo", "7001", str(sequential + concurrent)])
    bad = 0
    for i in range(sequential):
        s = connect_retry(port)
        msg = f"hello {i}\n".encode()
        s.sendall(msg)
        got = b""
        while len(got) < len(msg) and (chunk := s.recv(100)):
            got += chunk
        bad += got != msg
        s.close()
    check(f"{sequential} sequential connections echo", bad == 0, f"{bad} wrong")
    socks = [connect_retry(port) for _ in range(concurrent)]
    for i, s in enumerate(socks):
        s.sendall(f"concurrent {i}\n".encode() * 100)
    bad = 0
    for i, s in enumerate(socks):
        want = f"concurrent {i}\n".encode() * 100
        got = b""
        while len(got) < len(want) and (chunk := s.recv(65536)):
            got += chunk
        bad += got != want
    for s in socks:
        s.close()
    check(f"{concurrent} concurrent connections echo", bad == 0, f"{bad} wrong")
    status, out, err = g.finish()
    check("the echo server saw every connection end", status == 0 and
          f"served {sequential + concurrent} connections" in out, f"{status} {out!r} {err[-2000:]}")


def udp_echo(count):
    port = free_port(socket.SOCK_DGRAM)
    g = Guest(["--forward", f"udp:{port}:7002"], ["udp-echo", "7002", str(count)])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(5)
    bad = 0
    for i in range(count):
        msg = os.urandom(1 + i * 37 % 1400)
        for _ in range(5):  # UDP may lose the first datagrams while ARP resolves
            s.sendto(msg, ("127.0.0.1", port))
            try:
                got = s.recv(65536)
                break
            except socket.timeout:
                got = None
        bad += got != msg
    status, out, err = g.finish()
    check(f"UDP echo of {count} datagrams", bad == 0 and status == 0 and f"echoed {count} datagrams" in out,
          f"{bad} wrong, {status}, {out!r} {err[-2000:]}")


def http(server):
    import urllib.request
    port = free_port()
    cmd = [ASTRA_RUN, "--timeout", "240", "--forward", f"{port}:8080", server, "8080", "--requests", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60).read().decode()
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/bytes/300000", timeout=60).read()
    out, err = proc.communicate(timeout=120)
    want = bytes(b"abcdefghijklmnopqrstuvwxyz"[i % 26] for i in range(300000))
    check("the Rust std HTTP server answers a page and 300,000 bytes",
          line.startswith("http-server: listening") and "<h1>Hello from Astra</h1>" in page and body == want
          and proc.returncode == 0, f"{line!r} {page!r} {len(body)} {proc.returncode} {err[-2000:]}")


def refused():
    # QEMU's restricted network resets a connection to the gateway: Linux's ECONNREFUSED.
    g = Guest(["--net"], ["connect", "10.0.2.2", "80"], listening=False)
    status, out, err = g.finish()
    check("connection to a closed port is refused", out.strip() == "connect: ECONNREFUSED",
          f"{out!r} {err[-2000:]}")


def main():
    global ASTRA_RUN, PEER
    ap = argparse.ArgumentParser()
    ap.add_argument("astra_run")
    ap.add_argument("test_bin_dir")
    ap.add_argument("http_server")
    ap.add_argument("--mib", type=int, default=4)
    ap.add_argument("--sequential", type=int, default=200)
    ap.add_argument("--concurrent", type=int, default=50)
    opt = ap.parse_args()
    ASTRA_RUN = opt.astra_run
    PEER = os.path.join(opt.test_bin_dir, "net_peer")
    host_to_guest(opt.mib)
    guest_to_host(opt.mib)
    connections(opt.sequential, opt.concurrent)
    refused()
    http(opt.http_server)
    if failures:
        print(f"{len(failures)} failed: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
