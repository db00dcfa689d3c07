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

    def receive_udp(self, timeout):
        """The next UDP payload for us, answering ARP on the way; None on timeout."""
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
            elif kind == 0x0800 and len(body) >= 28 and body[9] == 17 and body[16:20] == HOST_IP:
                ihl = (body[0] & 15) * 4
                length = struct.unpack("!H", body[ihl + 4:ihl + 6])[0]
                return body[ihl + 8:ihl + length]
        return None
