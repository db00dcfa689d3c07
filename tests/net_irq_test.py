#!/usr/bin/env python3
"""Where the network card's interrupts go (issue 22): a program pinned to one CPU echoes
small messages from the host one at a time (tests/programs/net_irq_probe.c), then prints
/proc/interrupts. The card's receive interrupt must follow the CPU of the thread that waits
for it, so that the frame that wakes the program arrives on the program's own CPU and no
rescheduling IPI is needed to wake it; /proc/interrupts must have Linux's layout.

  net_irq_test.py ASTRA_RUN TEST_BIN_DIR [--exchanges N]
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import time

failures = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}")
    if not ok:
        failures.append(name)


def check_steered(label, source, counts, rows, cpus, cpu, n, unit):
    """The steering's checks (tty_irq_test.py makes them too): nearly all of source's
    interrupts (counts, per CPU) came to the program's CPU, at least one per unit (a few may
    arrive before the program first waits), and with two CPUs the program needed no
    rescheduling IPI per unit (without steering, each one for CPU 1 needed one from CPU 0)."""
    check(f"{label}: {source}'s interrupts arrive on CPU {cpu} (at least {n} of {sum(counts)})",
          counts[cpu] >= n, f"per CPU {counts}")
    if cpus > 1:
        res = rows["RES"][0][cpu]
        check(f"{label}: fewer rescheduling IPIs to CPU {cpu} than a quarter of the {unit} ({res})",
              res < n // 4, f"RES per CPU {rows['RES'][0]}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse(text, cpus):
    """The header and the rows of /proc/interrupts: {label: ([count per CPU], rest)}."""
    lines = text.splitlines()
    header = " " * 11 + "".join(f"CPU{c:<8}" for c in range(cpus))
    rows = {}
    for line in lines[1:]:
        m = re.match(r"^ *([0-9A-Z]+): " + r"([ 0-9]{10}) " * cpus + r"(.*)$", line)
        if m:
            rows[m.group(1)] = ([int(m.group(2 + c)) for c in range(cpus)], m.group(2 + cpus))
    return lines[0] == header if lines else False, rows


def echo_run(cpus, cpu, exchanges):
    """Runs the probe pinned to cpu on a machine of cpus CPUs; its /proc/interrupts rows."""
    port = free_port()
    cmd = [ASTRA_RUN, "--timeout", "240", "--smp", str(cpus), "--forward", f"{port}:7000", PROBE, "7000", str(cpu)]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = p.stdout.readline()
    if first.strip() != "listening":
        out, err = p.communicate()
        check(f"{cpus} CPUs, pinned to {cpu}: the probe listens", False, f"{first!r} {out!r} {err[-2000:]!r}")
        return None
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sent = 0
    start = time.monotonic()
    for i in range(exchanges):
        msg = f"exchange {i}\n".encode()
        s.sendall(msg)
        got = b""
        while len(got) < len(msg):
            chunk = s.recv(len(msg) - len(got))
            if not chunk:
                break
            got += chunk
        if got != msg:
            check(f"{cpus} CPUs, pinned to {cpu}: exchange {i} echoed", False, repr(got))
            break
        sent += len(msg)
    elapsed = time.monotonic() - start
    s.close()
    out, err = p.communicate(timeout=240)
    label = f"{cpus} CPUs, pinned to CPU {cpu}"
    print(f"     {label}: {exchanges / elapsed:.0f} exchanges/s")
    check(f"{label}: {exchanges} exchanges echoed", p.returncode == 0 and f"echoed {sent}\n" in out,
          f"status {p.returncode}, {out[-1500:]!r} {err[-1500:]!r}")
    text = out.split(f"echoed {sent}\n", 1)[-1]
    header_ok, rows = parse(text, cpus)
    check(f"{label}: /proc/interrupts has Linux's header of {cpus} CPU columns", header_ok, repr(text[:200]))
    for tag in ("LOC", "RES", "TLB"):
        check(f"{label}: /proc/interrupts has a {tag} row", tag in rows, repr(text))
    card = [r for r in rows.values() if r[1].endswith("virtio0-input.0")]
    check(f"{label}: /proc/interrupts has the card's receive interrupt (PCI-MSI, edge)",
          len(card) == 1 and re.match(r"^ +PCI-MSI +\d+-edge +virtio0-input\.0$", card[0][1]) is not None, repr(text))
    print(text, end="")
    return rows if card and "RES" in rows else None


def main():
    global ASTRA_RUN, PROBE
    ap = argparse.ArgumentParser()
    ap.add_argument("astra_run")
    ap.add_argument("test_bin_dir")
    ap.add_argument("--exchanges", type=int, default=200)
    opt = ap.parse_args()
    ASTRA_RUN = opt.astra_run
    PROBE = os.path.join(opt.test_bin_dir, "net_irq_probe")
    n = opt.exchanges
    for cpus, cpu in ((2, 1), (2, 0), (1, 0)):
        rows = echo_run(cpus, cpu, n)
        if not rows:
            continue
        card = next(r[0] for r in rows.values() if r[1].endswith("virtio0-input.0"))
        label = f"{cpus} CPUs, pinned to CPU {cpu}"
        # Each exchange is at least one frame from the host.
        check_steered(label, "the card", card, rows, cpus, cpu, n, "exchanges")
    if failures:
        print(f"{len(failures)} failed: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
