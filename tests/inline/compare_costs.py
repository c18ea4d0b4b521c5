#!/usr/bin/env python3
"""Compares heapmap's inliner decisions with gc's, function by function.

Usage: compare_costs.py GC_RAW HEAPMAP_OUT [-n N]

GC_RAW is `go build -gcflags=-m=2` output (gc-escape-truth --raw-out); HEAPMAP_OUT is
`heapmap inline -m=2`. Functions are keyed by file, line, column and name; for each the
verdict is "cost N" (inlinable or too complex: -m=2 prints the full cost either way) or the
reason. Prints agreement counts and the first N disagreements.
"""
import argparse
import os
import re
import sys

CAN = re.compile(r"^(.*?):(\d+):(\d+): can inline (\S+) with cost (\d+)")
TOO = re.compile(r"^(.*?):(\d+):(\d+): cannot inline (\S+): function too complex: cost (\d+) exceeds budget 80")
WHY = re.compile(r"^(.*?):(\d+):(\d+): cannot inline (\S+): (.*)$")


def load(path):
    out = {}
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        m = CAN.match(line) or TOO.match(line)
        if m:
            f, l, c, name, cost = m.groups()
            out[(os.path.realpath(f), int(l), int(c), name)] = ("cost", int(cost))
            continue
        m = WHY.match(line)
        if m and " into " not in line:
            f, l, c, name, why = m.groups()
            out[(os.path.realpath(f), int(l), int(c), name)] = ("reason", why)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gc")
    ap.add_argument("heapmap")
    ap.add_argument("-n", type=int, default=30)
    args = ap.parse_args()
    gc, hm = load(args.gc), load(args.heapmap)
    same = diff = missing = extra = 0
    decision_same = 0
    shown = []
    for k, v in gc.items():
        h = hm.get(k)
        if h is None:
            missing += 1
            if len(shown) < args.n:
                shown.append(f"missing  {k[0]}:{k[1]}:{k[2]} {k[3]}: gc {v}")
            continue
        gc_inl = v[0] == "cost" and v[1] <= 80
        hm_inl = h[0] == "cost" and h[1] <= 80
        decision_same += gc_inl == hm_inl
        if h == v:
            same += 1
        else:
            diff += 1
            if len(shown) < args.n:
                shown.append(f"differs  {k[0]}:{k[1]}:{k[2]} {k[3]}: gc {v} heapmap {h}")
    for k in hm:
        if k not in gc:
            extra += 1
    for s in shown:
        print(s)
    total = len(gc)
    print(f"functions={total} same={same} differ={diff} missing={missing} extra={extra} "
          f"same_decision={decision_same} ({decision_same / max(total, 1):.4f})")


if __name__ == "__main__":
    main()
