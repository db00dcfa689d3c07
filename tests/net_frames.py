"""A host-side Ethernet peer for the Astra kernel's network card: QEMU's socket netdev
(astra-run --net-frames) carries each frame as one UDP datagram on the host's 127.0.0.1.
It answers ARP for its address and speaks UDP over IPv4, and can send any bytes as a frame
(tests/net_virtio_test.py's hostile-input case)."""
import socket
import struct
import time

HOST_MAC = bytes.fromhex("020000000001")
GUEST_MAC = bytes.fromhex("525400123456")  # QEMU's default for the first card
HOST_IP = bytes([10, 0, 3, 1])
GUEST_IP = bytes([10, 0, 3, 15])
GUEST_CONFIG = "10.0.3.15/24"


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def ipv4(proto, payload, src=HOST_IP, dst=GUEST_IP, ident=1, flags_frag=0x4000, ttl=64, total=None, csum=None):
    head = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total if total is not None else 20 + len(payload), ident,
                       flags_frag, ttl, proto, 0, src, dst)
    c = checksum(head) if csum is None else csum
    return head[:10] + struct.pack("!H", c) + head[12:] + payload


def udp(sport, dport, data, src=HOST_IP, dst=GUEST_IP, length=None, csum=None):
    n = length if length is not None else 8 + len(data)
    head = struct.pack("!HHHH", sport, dport, n, 0)
    if csum is None:
        pseudo = src + dst + struct.pack("!BBH", 0, 17, 8 + len(data))
        csum = checksum(pseudo + head + data) or 0xffff
    return head[:6] + struct.pack("!H", csum) + data


def tcp(sport, dport, flags, seq=1, ack=0, data=b"", src=HOST_IP, dst=GUEST_IP, offset=5, csum=None):
    head = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, offset << 4, flags, 8192, 0, 0)
    if csum is None:
        pseudo = src + dst + struct.pack("!BBH", 0, 6, len(head) + len(data))
        csum = checksum(pseudo + head + data)
    return head[:16] + struct.pack("!H", csum) + head[18:] + data


def ethernet(ethertype, payload, dst=GUEST_MAC, src=HOST_MAC):
    return dst + src + struct.pack("!H", ethertype) + payload


class Peer:
    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.bind(("127.0.0.1", 0))
        self.qemu_port = probe.getsockname()[1]
        probe.close()

    def send(self, frame):
        self.sock.sendto(frame, ("127.0.0.1", self.qemu_port))

    def send_udp(self, sport, dport, data):
        self.send(ethernet(0x0800, ipv4(17, udp(sport, dport, data))))

    def receive_ipv4(self, proto, timeout):
        """The payload of the next IPv4 packet of protocol proto for us, answering ARP on the
        way; None on timeout."""
        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            self.sock.settimeout(left)
            try:
                frame = self.sock.recv(65536)
            except socket.timeout:
                return None
            if len(frame) < 14:
                continue
            kind = struct.unpack("!H", frame[12:14])[0]
            body = frame[14:]
            if kind == 0x0806 and len(body) >= 28 and body[24:28] == HOST_IP and body[6:8] == b"\0\1":
                reply = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + HOST_MAC + HOST_IP + body[8:14] + body[14:18]
                self.send(ethernet(0x0806, reply, dst=body[8:14]))
            elif kind == 0x0800 and len(body) >= 20 and body[9] == proto and body[16:20] == HOST_IP:
                ihl = (body[0] & 15) * 4
                total = struct.unpack("!H", body[2:4])[0]
                return body[ihl:total]
        return None

    def receive_udp(self, timeout):
        """The next UDP payload for us; None on timeout."""
        end = time.monotonic() + timeout
        while (seg := self.receive_ipv4(17, end - time.monotonic())) is not None:
            if len(seg) >= 8:
                return seg[8:struct.unpack("!H", seg[4:6])[0]]
        return None


class Segment:
    def __init__(self, raw):
        self.sport, self.dport, self.seq, self.ack, off, self.flags = struct.unpack("!HHIIBB", raw[:14])
        self.data = raw[(off >> 4) * 4:]


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


class TcpConnection:
    """One TCP connection that the guest opens to HOST_IP:port, spoken by hand over a Peer's
    frames, so that the test decides what goes on the wire (a reset, at a chosen moment).
    The frames travel over the host's loopback: nothing is retransmitted."""

    def __init__(self, peer, port, timeout=120):
        """Waits for the guest's SYN to port and accepts the connection."""
        self.peer, self.port, self.received, self.fin_received = peer, port, b"", False
        end = time.monotonic() + timeout
        while True:
            seg = self._next(end - time.monotonic())
            if seg.dport == port and seg.flags & SYN and not seg.flags & ACK:
                break
        self.guest_port, self.rcv_nxt, self.snd_nxt = seg.sport, (seg.seq + 1) & 0xffffffff, 1000
        self._send(SYN | ACK)
        self.snd_nxt += 1

    @classmethod
    def connect(cls, peer, port, guest_port, isn, timeout=3):
        """Opens a connection from our port to the guest's guest_port (SYN with sequence
        number isn): the guest's SYN-ACK and the connection; or, when no SYN-ACK comes, the
        last other segment of those ports (or None) and None."""
        self = cls.__new__(cls)
        self.peer, self.port, self.guest_port, self.received, self.fin_received = peer, port, guest_port, b"", False
        self.snd_nxt, self.rcv_nxt = isn, 0
        self._send(SYN)
        self.snd_nxt += 1
        end, other = time.monotonic() + timeout, None
        while True:  # (segments of an earlier connection of the same ports may come first)
            try:
                seg = self._next(end - time.monotonic())
            except TimeoutError:
                return other, None
            if (seg.sport, seg.dport) != (guest_port, port):
                continue
            if seg.flags & (SYN | ACK) == SYN | ACK and seg.ack == self.snd_nxt:
                break
            other = seg
        self.rcv_nxt = (seg.seq + 1) & 0xffffffff
        self._send(ACK)
        return seg, self

    def _next(self, timeout):
        raw = self.peer.receive_ipv4(6, max(timeout, 0.01))
        if raw is None:
            raise TimeoutError(f"no TCP segment from the guest for port {self.port}")
        return Segment(raw)

    def _send(self, flags, data=b""):
        self.peer.send(ethernet(0x0800, ipv4(6, tcp(self.port, self.guest_port, flags, self.snd_nxt, self.rcv_nxt,
                                                     data))))

    def send(self, data):
        self._send(PSH | ACK, data)
        self.snd_nxt += len(data)

    def fin(self):
        self._send(FIN | ACK)
        self.snd_nxt += 1

    def recv(self, n, timeout=60):
        """The next n bytes from the guest (each in-order segment acknowledged); fewer when
        its FIN comes first."""
        end = time.monotonic() + timeout
        while len(self.received) < n and not self.fin_received:
            seg = self._next(end - time.monotonic())
            if (seg.sport, seg.dport) != (self.guest_port, self.port):
                continue
            if seg.seq == self.rcv_nxt and (seg.data or seg.flags & FIN):
                self.received += seg.data
                self.fin_received = bool(seg.flags & FIN)
                self.rcv_nxt = (self.rcv_nxt + len(seg.data) + (seg.flags & FIN)) & 0xffffffff
                self._send(ACK)
        data, self.received = self.received[:n], self.received[n:]
        return data

    def reset(self):
        self._send(RST | ACK)
