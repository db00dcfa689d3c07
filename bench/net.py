#!/usr/bin/env python3
"""Networking through QEMU's user network (restrict=on, a virtio-net card), side by side in
one run: the same static programs on the Astra kernel and on Debian's Linux kernel booted in
the same QEMU (-accel tcg -cpu max -m 512M -smp 2; its /init, bench/programs/net_init.c,
loads the virtio-net modules from the initramfs and sets 10.0.2.15/24 on eth0).

  bench/net.py [--runs N] [--mib N] [--requests N]

Astra runs with one and with two CPUs (astra-run --smp), the Linux guest with two.
Rows: host->guest TCP throughput into tests/programs/net_peer.c's tcp-sink (MB/s), and
HTTP requests per second against examples/rust/http-server from a Python client on the host,
keep-alive (one connection) and a new connection per request. Prints a markdown table of
medians, the ratios Astra / Linux guest and Astra 2 CPUs / 1 CPU (higher is better for
Astra, and for the second CPU), the host CPU time each guest's QEMU spent per request, then
the slowest single new-connection request of each system over all runs.
"""
import argparse
import gzip
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel as kbench  # noqa: E402  (QEMU's command line)
import linux_guest  # noqa: E402  (the Linux guest's kernel and cpio helpers)

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
BUILD = os.environ.get("ASTRA_BUILD_DIR", os.path.join(ROOT, "build"))
QEMU = kbench.QEMU
MODULES = ["virtio_ring", "virtio", "virtio_pci_legacy_dev", "virtio_pci_modern_dev", "virtio_pci",
           "failover", "net_failover", "virtio_net"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def linux_initramfs(vmlinuz, programs, path):
    release = os.path.basename(vmlinuz)[len("vmlinuz-"):]
    moddir = f"/lib/modules/{release}/kernel"
    found = {}
    for dirpath, _, names in os.walk(moddir):
        for n in names:
            if n.endswith(".ko") and n[:-3] in MODULES:
                found[n[:-3]] = os.path.join(dirpath, n)
    missing = [m for m in MODULES if m not in found]
    if missing:
        sys.exit(f"bench/net.py: modules {missing} not found under {moddir}")

    def read(p):
        with open(p, "rb") as f:
            return f.read()
    entry = linux_guest.newc_entry
    entries = [entry("dev", 0o40755), entry("dev/console", 0o20600, rdev=(5, 1)),
               entry("proc", 0o40755), entry("m", 0o40755),
               entry("init", 0o100755, read(os.path.join(BUILD, "bench", "net_init")))]
    entries += [entry(f"m/{m}.ko", 0o100644, read(found[m])) for m in MODULES]
    entries += [entry(name, 0o100755, read(p)) for name, p in programs.items()]
    with gzip.open(path, "wb") as f:
        f.write(b"".join(entries) + entry("TRAILER!!!", 0))


class Guest:
    def __init__(self, system, program, args, host_port, guest_port):
        net = ["-netdev", f"user,id=net0,restrict=on,hostfwd=tcp:127.0.0.1:{host_port}-:{guest_port}",
               "-device", "virtio-net-pci,netdev=net0"]
        if system.startswith("Astra"):
            cpus = system.split()[1]
            cmd = [os.path.join(ROOT, "rust-target", "astra-run"), "--timeout", "600", "--console", "--smp", cpus,
                   "--forward", f"{host_port}:{guest_port}", PROGRAMS[program], *args]
            env = dict(os.environ, ASTRA_BUILD_DIR=BUILD)
        else:
            cmd = QEMU + ["-kernel", VMLINUZ, "-initrd", INITRAMFS, "-serial", "stdio", *net,
                          "-append", f"console=ttyS0 quiet panic=-1 -- /{program} {' '.join(args)}"]
            env = None
        self.system = system
        self.err = tempfile.TemporaryFile()
        # A session of its own: stop() ends astra-run's QEMU with it (killing astra-run alone
        # left QEMU serving until its timeout).
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                     stderr=self.err, env=env, start_new_session=True)
        for raw in self.proc.stdout:
            if b"listening" in raw:
                return
        self.fail(f"{program} did not start")

    def fail(self, why):
        self.stop()
        self.err.seek(0)
        sys.stderr.write(self.err.read()[-4000:].decode(errors="replace"))
        sys.exit(f"bench/net.py: on {self.system}: {why}")

    def cpu(self):
        """Host CPU seconds used so far by this guest's processes, all threads (QEMU's vCPUs and
        its main loop with the user network, astra-run): /proc's schedstat, in nanoseconds."""
        total = 0
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[2]) != self.proc.pid:
                        continue  # not in the process group of the session started here
                for tid in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                        total += int(f.read().split()[0])
            except OSError:
                continue
        return total / 1e9

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


def throughput(system, mib):
    port = free_port()
    g = Guest(system, "net_peer", ["tcp-sink", "7000"], port, 7000)
    data = os.urandom(1 << 20) * mib
    s = socket.create_connection(("127.0.0.1", port), timeout=120)
    start = time.monotonic()
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    reply = s.recv(100)
    elapsed = time.monotonic() - start
    if not reply.startswith(str(len(data)).encode()):
        g.fail(f"tcp-sink answered {reply!r}")
    g.stop()
    return len(data) / elapsed / 1e6


def http_rates(system, requests):
    port = free_port()
    g = Guest(system, "http-server", ["8080"], port, 8080)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/")  # warm up: ARP, the first thread
    conn.getresponse().read()
    start, cpu0 = time.monotonic(), g.cpu()
    for _ in range(requests):
        conn.request("GET", "/")
        if conn.getresponse().read().count(b"Hello from Astra") != 1:
            sys.exit("bench/net.py: wrong page")
    keep_alive = requests / (time.monotonic() - start)
    conn.close()
    start, cpu1 = time.monotonic(), g.cpu()
    slowest = 0
    for _ in range(requests):
        begin = time.monotonic()
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.request("GET", "/", headers={"Connection": "close"})
        c.getresponse().read()
        c.close()
        slowest = max(slowest, time.monotonic() - begin)
    fresh = requests / (time.monotonic() - start)
    cpu2 = g.cpu()
    g.stop()
    # Host CPU milliseconds per request: on a 2-core host, a guest that burns more (a second
    # vCPU polling or woken) leaves less for the client and QEMU's network thread.
    return keep_alive, fresh, slowest, (cpu1 - cpu0) * 1000 / requests, (cpu2 - cpu1) * 1000 / requests


def main():
    global PROGRAMS, VMLINUZ, INITRAMFS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--mib", type=int, default=32)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--systems", default="Astra 1 CPU,Astra 2 CPUs,Linux guest")
    opt = ap.parse_args()
    subprocess.run(["ninja", "-C", BUILD, "tests/net_peer", "examples/rust/rust-http-server", "bench/net_init",
                    "kernel/astra-kernel.bin"], check=True, stdout=subprocess.DEVNULL)
    PROGRAMS = {"net_peer": os.path.join(BUILD, "tests", "net_peer"),
                "http-server": os.path.join(BUILD, "examples", "rust", "rust-http-server")}
    systems = opt.systems.split(",")
    if "Linux guest" in systems:
        VMLINUZ = linux_guest.linux_kernel(install=True)
        INITRAMFS = os.path.join(BUILD, "bench", "linux-net-initramfs.cpio.gz")
        linux_initramfs(VMLINUZ, PROGRAMS, INITRAMFS)
    rows = [("host_to_guest_tcp", "MB/s"), ("http_keepalive", "req/s"), ("http_new_connection", "req/s")]
    cpu_rows = ["http_keepalive", "http_new_connection"]
    results = {s: {r: [] for r, _ in rows} for s in systems}
    slowest = {s: 0.0 for s in systems}
    cpu = {s: {r: [] for r in cpu_rows} for s in systems}
    for _ in range(opt.runs):
        for s in systems:
            results[s]["host_to_guest_tcp"].append(throughput(s, opt.mib))
            k, f, slow, k_cpu, f_cpu = http_rates(s, opt.requests)
            slowest[s] = max(slowest[s], slow)
            cpu[s]["http_keepalive"].append(k_cpu)
            cpu[s]["http_new_connection"].append(f_cpu)
            results[s]["http_keepalive"].append(k)
            results[s]["http_new_connection"].append(f)
    median = {s: {r: statistics.median(v) for r, v in rs.items()} for s, rs in results.items()}
    print(f"Median of {opt.runs} runs; QEMU {' '.join(QEMU[1:])}, user network with restrict=on, "
          f"virtio-net; {opt.mib} MiB per transfer, {opt.requests} requests per rate.\n")
    astras = [s for s in systems if s.startswith("Astra")]
    linux = "Linux guest" in systems
    smp = "Astra 1 CPU" in systems and "Astra 2 CPUs" in systems
    print("| row | " + " | ".join(systems) + "".join(f" | {a} / Linux guest" for a in astras if linux) +
          (" | Astra 2 CPUs / 1 CPU" if smp else "") + " |")
    print("| --- |" + " --: |" * (len(systems) + (len(astras) if linux else 0) + smp))
    for r, unit in rows:
        cells = [f"{median[s][r]:.1f}" for s in systems]
        if linux:
            cells += [f"{median[a][r] / median['Linux guest'][r]:.2f}" for a in astras]
        if smp:
            cells.append(f"{median['Astra 2 CPUs'][r] / median['Astra 1 CPU'][r]:.2f}")
        print(f"| {r} ({unit}) | " + " | ".join(cells) + " |")
    print("\nHost CPU per request (ms, user + system, all of the guest's QEMU threads; lower is better):\n")
    print("| row | " + " | ".join(systems) + " |")
    print("| --- |" + " --: |" * len(systems))
    for r in cpu_rows:
        print(f"| {r} | " + " | ".join(f"{statistics.median(cpu[s][r]):.2f}" for s in systems) + " |")
    # A stall (a lost SYN retried after seconds, as TIME_WAIT once caused) hides in a median.
    print("\nSlowest new-connection request: " + ", ".join(f"{s} {slowest[s] * 1000:.0f} ms" for s in systems))


if __name__ == "__main__":
    main()
