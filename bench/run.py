#!/usr/bin/env python3
"""Astra against static glibc on the Linux host, in one run: the same Rust source
(bench/rust) built for Astra and for x86_64-unknown-linux-gnu (+crt-static), each workload
run several times alternately, medians compared. Prints markdown tables (bench/README.md).

  bench/run.py [--runs N] [--quick] [--target x86_64-astra-linux-musl]

--target x86_64-astra-linux-musl measures the unix target (std's own unix backend on
libastra-unix) instead of the default x86_64-unknown-astra.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

import svgchart

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name, workload, argument, target ratio (Astra time / glibc time)
WORKLOADS = [
    ('thread spawn+join (2000)', 'spawn', 2000, 1.0),
    ('Mutex, uncontended (10M lock/unlock)', 'mutex', 10_000_000, 1.05),
    ('Mutex, 2 threads contended (2M)', 'mutex2', 2_000_000, 1.05),
    ('Condvar ping-pong (50k round trips)', 'condvar', 50_000, 1.05),
    ('allocation churn, 1 thread (Vec/Box/HashMap)', 'alloc1', 400, 0.75),
    ('allocation churn, 2 threads', 'alloc2', 400, 0.75),
    ('64 MiB file write+read', 'file', 64, 1.05),
    ('256 MiB TCP loopback', 'tcp', 256, 1.05),
    ('Instant::now (2M)', 'instant', 2_000_000, 1.2),
    ('SystemTime::now (2M)', 'systemtime', 2_000_000, 1.2),
]


def debian_env(extra=None):
    env = dict(os.environ)
    env['PATH'] = '/usr/bin:/bin:' + env.get('PATH', '')
    env['RUSTC'] = '/usr/bin/rustc'
    env.pop('RUSTUP_TOOLCHAIN', None)
    env.update(extra or {})
    return env


def build(work, target):
    manifest = os.path.join(ROOT, 'bench', 'rust', 'Cargo.toml')
    subprocess.run([os.path.join(ROOT, 'rust-target', 'astra-cargo'), 'build', '--release', '--quiet',
                    '--target', target,
                    '--manifest-path', manifest, '--target-dir', os.path.join(work, 'astra')], check=True)
    subprocess.run(['/usr/bin/cargo', 'build', '--release', '--quiet', '--offline', '--manifest-path', manifest,
                    '--target', 'x86_64-unknown-linux-gnu', '--target-dir', os.path.join(work, 'gnu')],
                   check=True, env=debian_env({'RUSTFLAGS': '-C target-feature=+crt-static'}))
    loop = os.path.join(work, 'spawn_loop')
    subprocess.run(['gcc', '-O2', '-o', loop, os.path.join(ROOT, 'bench', 'spawn_loop.c')], check=True)
    return (os.path.join(work, 'astra', target, 'release', 'astra-bench'),
            os.path.join(work, 'gnu', 'x86_64-unknown-linux-gnu', 'release', 'astra-bench'), loop)


def run_once(binary, workload, arg):
    """(nanoseconds the program measured, its peak RSS in KiB, as it reports them)."""
    p = subprocess.run([binary, workload, str(arg)], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f'{binary} {workload} failed with status {p.returncode}: {p.stderr}')
    ns, rss = p.stdout.split()[-2:]
    return int(ns), int(rss)


def stripped_size(binary, work):
    out = os.path.join(work, os.path.basename(os.path.dirname(os.path.dirname(os.path.dirname(binary)))) + '.stripped')
    subprocess.run(['strip', '-o', out, binary], check=True)
    return os.path.getsize(out)


def fmt_time(ns):
    return f'{ns / 1e6:.2f} ms' if ns >= 1e6 else f'{ns / 1e3:.1f} µs'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=9)
    ap.add_argument('--quick', action='store_true', help='smaller workloads (a smoke test)')
    ap.add_argument('--chart', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'charts', 'std.svg'),
                    help='where the SVG chart of the ratios goes (default: bench/charts/std.svg)')
    ap.add_argument('--target', default='x86_64-unknown-astra',
                    choices=['x86_64-unknown-astra', 'x86_64-astra-linux-musl'])
    opts = ap.parse_args()
    work = tempfile.mkdtemp(prefix='astra-bench-')
    try:
        astra, gnu, loop = build(work, opts.target)
        rows, rss_rows = [], []
        for name, workload, arg, target in WORKLOADS:
            if opts.quick:
                arg = max(1, arg // 20)
            times = {astra: [], gnu: []}
            rss = {astra: [], gnu: []}
            for _ in range(opts.runs):
                for b in (astra, gnu):
                    t, m = run_once(b, workload, arg)
                    times[b].append(t)
                    rss[b].append(m)
            a, g = statistics.median(times[astra]), statistics.median(times[gnu])
            rows.append((name, fmt_time(a), fmt_time(g), a / g, target))
            rss_rows.append((name, max(rss[astra]), max(rss[gnu])))
        starts = {astra: [], gnu: []}
        for _ in range(opts.runs):
            for b in (astra, gnu):
                out = subprocess.run([loop, '50' if opts.quick else '300', b, 'noop'], check=True,
                                     capture_output=True, text=True).stdout
                starts[b].append(int(out))
        a, g = statistics.median(starts[astra]), statistics.median(starts[gnu])
        rows.append(('exec-to-exit startup (noop)', fmt_time(a), fmt_time(g), a / g, 1.05))
        sa, sg = stripped_size(astra, work), stripped_size(gnu, work)
        rows.append(('stripped binary size (this benchmark)', f'{sa / 1024:.0f} KiB', f'{sg / 1024:.0f} KiB', sa / sg, 0.15))
        _, noop_rss_a = run_once(astra, 'noop', 0)
        _, noop_rss_g = run_once(gnu, 'noop', 0)
        rss_rows.append(('noop (startup only)', noop_rss_a, noop_rss_g))

        print(f'Median of {opts.runs} runs each, Astra ({opts.target}) and static glibc alternating, '
              f'on the Linux host.\n')
        print('| benchmark | Astra | glibc (static) | Astra/glibc | target | met |')
        print('| --- | --: | --: | --: | --: | :-: |')
        for name, a, g, ratio, target in rows:
            print(f'| {name} | {a} | {g} | {ratio:.2f} | ≤ {target:.2f} | {"yes" if ratio <= target else "no"} |')
        print('\nPeak RSS (KiB, the largest of the runs):\n')
        print('| workload | Astra | glibc (static) | Astra/glibc |')
        print('| --- | --: | --: | --: |')
        for name, a, g in rss_rows:
            print(f'| {name} | {a} | {g} | {a / g:.2f} |')
        os.makedirs(os.path.dirname(os.path.abspath(opts.chart)), exist_ok=True)
        svgchart.bar_chart(opts.chart, 'Rust std on libastra / on static glibc, Linux host (lower is better)',
                           [r[0] for r in rows] + [f'peak RSS: {r[0]}' for r in rss_rows],
                           ['Astra / glibc'],
                           [[r[3]] for r in rows] + [[a / g] for _, a, g in rss_rows],
                           reference=1.0, marks=[r[4] for r in rows] + [None] * len(rss_rows),
                           value_format=lambda v: f'{v:.2f}')
        print(f'\nChart: {opts.chart}')
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
