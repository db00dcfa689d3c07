#!/usr/bin/env python3
"""Plain SVG bar charts for the benchmark scripts (no plotting library).

As a module: bar_chart(path, title, labels, series, values, ...) draws horizontal bars, one
group per label, one bar per series, with the values written at the bars' ends; `reference`
draws a vertical line (1.0 for ratios) and `marks` a tick per label (a goal).
As a command, it redraws a markdown table as printed by the scripts (or kept in
bench/README.md):

  svgchart.py --title T --columns "Astra,glibc (static)" [--ratio COLUMN --goal COLUMN]
              [--log] [--rows REGEX] [--table-index N] [--labels A,B] TABLE.md OUT.svg
"""
import argparse
import math
import re
import sys
from xml.sax.saxutils import escape

COLORS = ["#3b6fb6", "#e08a2c", "#5a9e4b", "#a04b9e"]
ROW_H, BAR_GAP, LEFT, RIGHT, TOP = 16, 2, 300, 90, 48


def bar_chart(path, title, labels, series, values, unit="", reference=None, marks=None, log=False,
              value_format=None, width=900):
    """values[i][j]: label i, series j (None: no bar). Log scale for values spanning decades."""
    fmt = value_format or (lambda v: (f"{v:,.0f}" if v >= 100 else f"{v:.3g}") + unit)
    present = [v for row in values for v in row if v is not None and v > 0]
    extra = ([reference] if reference else []) + [m for m in (marks or []) if m]
    hi = max(present + extra) * 1.05
    lo = min(present + extra) / 1.5 if log else 0.0
    plot_w = width - LEFT - RIGHT

    def x(v):
        if log:
            return LEFT + plot_w * (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
        return LEFT + plot_w * v / hi

    group_h = len(series) * (ROW_H + BAR_GAP) + 14
    height = TOP + group_h * len(labels) + 24
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">{escape(title)}</text>']
    for j, name in enumerate(series):
        lx = LEFT + j * 170
        out.append(f'<rect x="{lx}" y="30" width="12" height="12" fill="{COLORS[j % len(COLORS)]}"/>')
        out.append(f'<text x="{lx + 16}" y="40">{escape(name)}</text>')
    for i, label in enumerate(labels):
        y0 = TOP + i * group_h
        out.append(f'<text x="{LEFT - 8}" y="{y0 + group_h / 2}" text-anchor="end" dominant-baseline="middle">'
                   f'{escape(label)}</text>')
        for j, v in enumerate(values[i]):
            if v is None:
                continue
            y = y0 + j * (ROW_H + BAR_GAP)
            out.append(f'<rect x="{LEFT}" y="{y}" width="{max(x(v) - LEFT, 1):.1f}" height="{ROW_H}" '
                       f'fill="{COLORS[j % len(COLORS)]}"/>')
            out.append(f'<text x="{x(v) + 4:.1f}" y="{y + ROW_H - 4}">{escape(fmt(v))}</text>')
        if marks and marks[i]:
            mx = x(marks[i])
            out.append(f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{y0 - 2}" y2="{y0 + group_h - 12}" '
                       f'stroke="#c0392b" stroke-width="2" stroke-dasharray="4,2"/>')
        out.append(f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y0 + group_h - 6}" y2="{y0 + group_h - 6}" stroke="#eee"/>')
    if reference:
        rx = x(reference)
        out.append(f'<line x1="{rx:.1f}" x2="{rx:.1f}" y1="{TOP - 4}" y2="{height - 20}" stroke="black"/>')
        out.append(f'<text x="{rx:.1f}" y="{height - 6}" text-anchor="middle">{reference:g}</text>')
    if marks and any(marks):
        out.append(f'<text x="{width - RIGHT}" y="{height - 6}" text-anchor="end" fill="#c0392b">'
                   f'dashed: goal</text>')
    if log:
        out.append(f'<text x="{LEFT}" y="{height - 6}" fill="#666">log scale</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def number(cell):
    """The first number in a table cell, in the cell's unit ('263 KiB', '≤ 0.15', '1,226,440 B')."""
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", cell.replace("\u2009", ""))
    return float(m.group(0).replace(",", "")) if m else None


def read_table(path, index=0):
    """The header and rows of the index-th markdown table in the file."""
    tables, current = [], None
    with open(path) as f:
        for line in f:
            if line.strip().startswith("|"):
                if current is None:
                    current = []
                    tables.append(current)
                current.append([c.strip() for c in line.strip().strip("|").split("|")])
            else:
                current = None
    rows = tables[index]
    return rows[0], [r for r in rows[2:] if len(r) == len(rows[0])]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--title", required=True)
    ap.add_argument("--columns", help="comma-separated columns drawn as bars")
    ap.add_argument("--ratio", help="draw this column (a ratio) instead, with a line at 1")
    ap.add_argument("--goal", help="a column of goals, drawn as marks")
    ap.add_argument("--log", action="store_true")
    ap.add_argument("--unit", default="")
    ap.add_argument("--rows", help="only the rows whose first cell matches this regular expression")
    ap.add_argument("--table-index", type=int, default=0, help="which table of the file (0: the first)")
    ap.add_argument("--labels", help="comma-separated labels instead of the rows' first cells")
    ap.add_argument("table")
    ap.add_argument("out")
    opt = ap.parse_args()
    header, body = read_table(opt.table, opt.table_index)
    if opt.rows:
        body = [r for r in body if re.search(opt.rows, r[0])]
    cols = [opt.ratio] if opt.ratio else opt.columns.split(",")
    idx = [header.index(c) for c in cols]
    values = [[number(r[i]) for i in idx] for r in body]
    marks = [number(r[header.index(opt.goal)]) for r in body] if opt.goal else None
    labels = opt.labels.split(",") if opt.labels else [r[0].replace("`", "") for r in body]
    bar_chart(opt.out, opt.title, labels, cols, values, unit=opt.unit,
              reference=1.0 if opt.ratio else None, marks=marks, log=opt.log)


if __name__ == "__main__":
    sys.exit(main())
