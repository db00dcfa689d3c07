#!/usr/bin/env python3
"""The network card and lwIP (issue #12): programs on the Astra kernel talk TCP and UDP with
the host through QEMU's restricted user network (astra-run --forward / --guest-forward).
tests/programs/net_peer.c is the guest side; each case checks exact results (CRC-32 of the
bytes moved, echoed contents, error names).

  net_virtio_test.py ASTRA_RUN TEST_BIN_DIR HTTP_SERVER HTTP_FETCH [--mib N] [--sequential N] [--concurrent N]
"""
import argparse
import os
import socket
import subprocess
import sys
import threading
import time
import zlib

import net_frames

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


def timeouts():
    port = free_port()
    server = socket.socket()
    server.bind(("127.0.0.1", port))
    server.listen(1)
    g = Guest(["--guest-forward", f"8001:{port}"], ["timeouts", "10.0.2.100", "8001"], listening=False)
    server.settimeout(120)
    try:
        conn, _ = server.accept()  # silent until the guest is done
    except socket.timeout:
        conn = None
    status, out, err = g.finish()
    want = ("connect with SO_SNDTIMEO to a silent address: EINPROGRESS\n"
            "read with SO_RCVTIMEO from a silent peer: EAGAIN\n"
            "nonblocking read: EAGAIN\n")
    check("connect and read timeouts give Linux's EINPROGRESS and EAGAIN", out == want and status == 0,
          f"{out!r} {err[-2000:]}")
    if conn:
        conn.close()
    server.close()


def send_then_exit(how):
    """The guest writes until the host's side takes no more (the host reads nothing yet), then
    ends at once, after close or leaving the socket to the exit: the end of what it wrote is
    still in its send buffer, and reaches the host before the machine powers off."""
    port = free_port()
    g = Guest(["--forward", f"{port}:7005"], ["send-exit", "7005", how])
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
    s.settimeout(60)
    s.connect(("127.0.0.1", port))
    line = g.proc.stdout.readline()  # "sent BYTES HASH", once nothing more fits
    crc, total = 0, 0
    try:
        while chunk := s.recv(1 << 16):
            crc = zlib.crc32(chunk, crc)
            total += len(chunk)
    except OSError as e:
        print(f"     the host's read ended with {e}")
    s.close()
    status, out, err = g.finish()
    check(f"a guest that fills its send buffer and {'closes, then exits' if how == 'close' else 'exits'} "
          "delivers every byte", status == 0 and line == f"sent {total} {crc:08x}\n" and total > 0,
          f"got {total} bytes, crc {crc:08x}; {line!r} {out!r} {err[-2000:]}")


def linux_run(args, serve):
    """net_peer's output on the Linux host against serve(listening socket) on 127.0.0.1."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    t = threading.Thread(target=serve, args=(server,), daemon=True)
    t.start()
    proc = subprocess.run([PEER, args[0], "127.0.0.1", str(server.getsockname()[1])], capture_output=True,
                          text=True, timeout=120)
    t.join(30)
    server.close()
    return proc.stdout


HALF_CLOSE_ANSWER = bytes(range(256)) * 400


def half_close_peer(server, seen):
    """Connection 1: reads the request to its end, answers, closes. Connection 2: answers,
    half-closes, reads the reply to its end, closes."""
    def read_all(c):
        data = b""
        while chunk := c.recv(65536):
            data += chunk
        return data
    server.settimeout(120)
    c, _ = server.accept()
    seen.append(read_all(c))
    c.sendall(HALF_CLOSE_ANSWER)
    c.close()
    c, _ = server.accept()
    c.sendall(HALF_CLOSE_ANSWER)
    c.shutdown(socket.SHUT_WR)
    seen.append(read_all(c))
    c.close()


def half_close():
    """shutdown(SHUT_WR) on either side, then the rest of the stream: every call's result as
    on Linux (the same net_peer run on the host over loopback)."""
    seen_linux, seen = [], []
    want = linux_run(["half-close"], lambda srv: half_close_peer(srv, seen_linux))
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    t = threading.Thread(target=half_close_peer, args=(server, seen), daemon=True)
    t.start()
    g = Guest(["--guest-forward", f"8003:{server.getsockname()[1]}"], ["half-close", "10.0.2.100", "8003"],
              listening=False)
    status, out, err = g.finish()
    t.join(30)
    server.close()
    check("half-close both ways: the calls' results and errors are Linux's", out == want and status == 0
          and seen == seen_linux == [b"request", b"reply"], f"\n{out}--- Linux:\n{want}{seen} {seen_linux} {err[-2000:]}")
    # The same over loopback, the peer a child process (Astra's own socket path, no card).
    want = subprocess.run([PEER, "half-close-local"], capture_output=True, text=True, timeout=120).stdout
    g = Guest([], ["half-close-local"], listening=False)
    status, out, err = g.finish()
    check("half-close over loopback: the calls' results and errors are Linux's", out == want and status == 0,
          f"\n{out}--- Linux:\n{want}{err[-2000:]}")


def reset_peer_socket(server):
    """The reset peer over Linux's sockets: SO_LINGER {1, 0} makes close send a reset."""
    import struct
    server.settimeout(120)
    for fin in (False, False, True):
        c, _ = server.accept()
        c.sendall(b"bye" if fin else b"hello")
        if fin:
            c.shutdown(socket.SHUT_WR)
        got = b""
        while len(got) < 2 and (chunk := c.recv(2 - len(got))):
            got += chunk
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()


def reset_peer_frames(peer, port):
    """The same peer, spoken by hand through the QEMU socket netdev."""
    for fin in (False, False, True):
        c = net_frames.TcpConnection(peer, port)
        c.send(b"bye" if fin else b"hello")
        if fin:
            c.fin()
        c.recv(2)
        c.reset()


def reset():
    """The peer resets the connection: reads, writes and poll give Linux's results
    (ECONNRESET, then end of stream; EPIPE; after the peer's FIN, EPIPE)."""
    want = linux_run(["reset"], reset_peer_socket)
    peer = net_frames.Peer()
    g = Guest(["--net-frames", f"{peer.port}:{peer.qemu_port}", "--net-config", net_frames.GUEST_CONFIG],
              ["reset", "10.0.3.1", "7004"], listening=False)
    try:
        reset_peer_frames(peer, 7004)
    except TimeoutError as e:
        print(f"     {e}")
    status, out, err = g.finish()
    check("a reset from the peer: the calls' results and errors are Linux's", out == want and status == 0,
          f"\n{out}--- Linux:\n{want}{err[-2000:]}")


def udp_echo_count(peer, count, start):
    """How many of count datagrams come back unchanged."""
    good = 0
    for i in range(count):
        msg = os.urandom(1 + (start + i) * 37 % 1400)
        for _ in range(5):  # the first may go while the guest resolves our address
            peer.send_udp(40000, 7002, msg)
            got = peer.receive_udp(3)
            if got is not None:
                break
        good += got == msg
    return good


def hostile_frames(peer):
    """Malformed Ethernet/IPv4/UDP/TCP frames and a flood, all of which the kernel must drop
    or answer (with a reset) without falling over."""
    nf = net_frames
    # (No empty datagram: QEMU's socket netdev takes one for the end of its peer.)
    frames = [b"\x00", nf.GUEST_MAC + nf.HOST_MAC, nf.GUEST_MAC + nf.HOST_MAC + b"\x08\x00",
              nf.ethernet(0x0806, b"\x00\x01\x08\x00"), nf.ethernet(0x0800, b"\x45"),
              nf.ethernet(0x0800, b"\x45" + bytes(10)), nf.ethernet(0x86dd, bytes(60)),
              nf.ethernet(0x0800, bytes(1500)), nf.ethernet(0x0800, b"\xff" * 1500)]
    payload = nf.udp(40000, 7002, b"x" * 32)
    frames += [
        nf.ethernet(0x0800, nf.ipv4(17, payload, csum=0x1234)),            # bad IP checksum
        nf.ethernet(0x0800, nf.ipv4(17, payload, total=4000)),             # longer than the frame
        nf.ethernet(0x0800, nf.ipv4(17, payload, total=10)),               # shorter than its header
        nf.ethernet(0x0800, b"\x4f" + nf.ipv4(17, payload)[1:]),           # header length 60
        nf.ethernet(0x0800, b"\x41" + nf.ipv4(17, payload)[1:]),           # header length 4
        nf.ethernet(0x0800, b"\x65" + nf.ipv4(17, payload)[1:]),           # version 6 in IPv4
        nf.ethernet(0x0800, nf.ipv4(17, nf.udp(40000, 7002, b"x" * 32, csum=0x1234))),
        nf.ethernet(0x0800, nf.ipv4(17, nf.udp(40000, 7002, b"x" * 32, length=2000))),
        nf.ethernet(0x0800, nf.ipv4(17, nf.udp(40000, 7002, b"x" * 32, length=3))),
        nf.ethernet(0x0800, nf.ipv4(17, payload[:5])),                     # truncated UDP header
        nf.ethernet(0x0800, nf.ipv4(6, nf.tcp(1, 7003, 0x02)[:10])),        # truncated TCP header
        nf.ethernet(0x0800, nf.ipv4(6, nf.tcp(1, 7003, 0x02, offset=15))), # options past the end
        nf.ethernet(0x0800, nf.ipv4(6, nf.tcp(1, 7003, 0x02, offset=2))),  # offset under 5
        nf.ethernet(0x0800, nf.ipv4(6, nf.tcp(1, 7003, 0x02, csum=0x1234))),
        nf.ethernet(0x0800, nf.ipv4(1, b"\x08\x00" + bytes(6) + b"ping")),  # ICMP echo, bad checksum
        nf.ethernet(0x0800, nf.ipv4(17, payload, flags_frag=0x2000 | 1)),  # a fragment that never ends
        nf.ethernet(0x0800, nf.ipv4(17, payload, flags_frag=0x1fff)),      # a fragment past 64 KiB
        nf.ethernet(0x0800, nf.ipv4(17, payload, src=bytes([255, 255, 255, 255]))),
        nf.ethernet(0x0800, nf.ipv4(17, payload, dst=bytes([10, 0, 3, 99]))),
        nf.ethernet(0x0800, nf.ipv4(17, nf.udp(40000, 9999, b"ttl"), ttl=0)),
    ]
    for flags in (0x00, 0x03, 0x07, 0x29, 0x3f, 0xff, 0x01, 0x04, 0x10, 0x12, 0x14):
        frames.append(nf.ethernet(0x0800, nf.ipv4(6, nf.tcp(1234, 7003, flags, data=b"data"))))
        frames.append(nf.ethernet(0x0800, nf.ipv4(6, nf.tcp(1234, 12345, flags))))
    for f in frames:
        peer.send(f)
    rnd = __import__("random").Random(12)
    for i in range(3000):  # a flood of garbage: random frames, some shaped as IPv4
        body = bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(0, 200)))
        if i % 2:
            body = b"\x45" + body
        peer.send(nf.ethernet(0x0800, body))
    for i in range(2000):  # and of well-formed datagrams to a closed port
        peer.send_udp(40001, 9999, b"flood")
    return len(frames) + 5000


def udp_and_hostile(count):
    peer = net_frames.Peer()
    g = Guest(["--net-frames", f"{peer.port}:{peer.qemu_port}", "--net-config", net_frames.GUEST_CONFIG],
              ["udp-echo", "7002", "0"])
    good = udp_echo_count(peer, count, 0)
    check(f"UDP echo of {count} datagrams", good == count, f"{good} right")
    sent = hostile_frames(peer)
    good = udp_echo_count(peer, count, count)
    for _ in range(20):
        peer.send_udp(40000, 7002, b"quit")
        if g.proc.poll() is not None:
            break
        time.sleep(0.5)
    status, out, err = g.finish()
    check(f"after {sent} malformed or flooding frames the kernel still echoes UDP",
          good == count and status == 0 and "echoed" in out,
          f"{good} right, {status}, {out!r} {err[-3000:]}")


def udp_connected():
    """A connected UDP socket on the guest takes only its peer's datagrams (Linux filters):
    a stranger's datagram in between is not echoed to the peer."""
    peer = net_frames.Peer()
    g = Guest(["--net-frames", f"{peer.port}:{peer.qemu_port}", "--net-config", net_frames.GUEST_CONFIG],
              ["udp-echo-connected", "7006", "0"])
    got = []
    for sport, msg in ((40000, b"first"), (40003, b"stranger"), (40000, b"second")):
        for _ in range(5 if sport == 40000 else 1):  # the first may go while the guest resolves our address
            peer.send_udp(sport, 7006, msg)
            if (reply := peer.receive_udp(3 if sport == 40000 else 1)) is not None:
                got.append(reply)
                break
    for _ in range(20):
        peer.send_udp(40000, 7006, b"quit")
        if g.proc.poll() is not None:
            break
        time.sleep(0.5)
    status, out, err = g.finish()
    check("a connected UDP socket takes only its peer's datagrams", got == [b"first", b"second"] and status == 0,
          f"{got} {status} {out!r} {err[-2000:]}")


def time_wait_reuse(server):
    """A new connection from the ports of one the guest closed first (its side in TIME_WAIT)
    opens, as on Linux: QEMU's user network reuses the host client's port, and lwIP alone
    only acknowledged such a SYN, which the client retried until the TIME_WAIT ran out."""
    peer = net_frames.Peer()
    proc = subprocess.Popen([ASTRA_RUN, "--timeout", "60", "--net-frames", f"{peer.port}:{peer.qemu_port}",
                             "--net-config", net_frames.GUEST_CONFIG, server, "8080", "--requests", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.readline()
    pages, answers, isn = [], [], 1000
    for _ in range(2):
        c = None
        for _ in range(3):  # the first SYN may go while the guest resolves our address
            seg, c = net_frames.TcpConnection.connect(peer, 40100, 8080, isn)
            if c:
                break
        answers.append("SYN-ACK" if c else "no SYN-ACK" if seg is None else f"flags {seg.flags:#x}")
        if not c:
            break
        c.send(b"GET / HTTP/1.1\r\nHost: astra\r\nConnection: close\r\n\r\n")
        pages.append(c.recv(1 << 20))  # to the server's FIN: its side goes to TIME_WAIT
        c.fin()
        isn = c.snd_nxt + 100000
        time.sleep(0.2)
    out, err = proc.communicate(timeout=120)  # the server ends after two requests
    check("a SYN from the ports of a connection in TIME_WAIT opens a new one",
          answers == ["SYN-ACK", "SYN-ACK"] and len(pages) == 2 and all(b"Hello from Astra" in p for p in pages)
          and proc.returncode == 0,
          f"{answers} {[p[:60] for p in pages]} {err[-2000:]}")


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


def fetch(client):
    """The Rust std client on Astra fetches a file from an HTTP server on the host's
    127.0.0.1 (through --guest-forward), by a name from /etc/hosts (astra-run --host), and
    reports its CRC-32."""
    import functools
    import http.server
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        data = os.urandom(3 << 20)
        with open(os.path.join(root, "file.bin"), "wb") as f:
            f.write(data)
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=root)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        proc = subprocess.run([ASTRA_RUN, "--timeout", "240", "--guest-forward", f"8002:{port}",
                               "--host", "files.example=10.0.2.100", client, "http://files.example:8002/file.bin"],
                              capture_output=True, text=True)
        server.shutdown()
    want = f"HTTP/1.0 200 OK\n{len(data)} bytes, CRC-32 {zlib.crc32(data):08x}\n"
    check("the Rust std HTTP client fetches 3 MiB from the host by a name in /etc/hosts, CRC-32 checked",
          proc.stdout == want and proc.returncode == 0, f"{proc.stdout!r} {proc.stderr[-2000:]}")


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
    ap.add_argument("http_fetch")
    ap.add_argument("--mib", type=int, default=64)
    ap.add_argument("--sequential", type=int, default=1000)
    ap.add_argument("--concurrent", type=int, default=100)
    opt = ap.parse_args()
    ASTRA_RUN = opt.astra_run
    PEER = os.path.join(opt.test_bin_dir, "net_peer")
    cases = [(send_then_exit, "close"), (send_then_exit, "exit"), (half_close,), (reset,),
             (host_to_guest, opt.mib), (guest_to_host, opt.mib), (connections, opt.sequential, opt.concurrent),
             (refused,), (timeouts,), (udp_and_hostile, 20), (udp_connected,), (http, opt.http_server),
             (time_wait_reuse, opt.http_server), (fetch, opt.http_fetch)]
    for case, *args in cases:
        start = time.monotonic()
        case(*args)
        print(f"     ({case.__name__}: {time.monotonic() - start:.1f} s)")
    if failures:
        print(f"{len(failures)} failed: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
