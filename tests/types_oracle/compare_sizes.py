#!/usr/bin/env python3
# tests/types_oracle/compare_sizes.py — compares a dumpsizes dump (gc truth) with heapmap's.
"""Compares two size dumps in the format of README.md (`pkgpath.Type<TAB>size<TAB>align<TAB>offsets`).

Usage:
  compare_sizes.py [--examples N] [--min-agreement F] [--common-packages] GO_DUMP HEAPMAP_DUMP

Lines are keyed by the qualified type name. Each key is in one class: agree, size
differs, align differs, offsets differ (first that applies), missing in heapmap, extra in
heapmap. Prints up to N examples per class, the agreement fraction agree / (go lines +
extra lines) and last `N passed, M failed`; exits 1 below --min-agreement.
--common-packages ignores go lines of packages absent from heapmap's dump.
"""

import argparse
import collections
import sys


def load(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or not cols[0]:
                continue
            cols += [""] * (4 - len(cols))
            table[cols[0]] = cols[:4]
    return table


def pkg_of(name):
    return name.rsplit(".", 1)[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("go_dump")
    ap.add_argument("heapmap_dump")
    ap.add_argument("--examples", type=int, default=5)
    ap.add_argument("--min-agreement", type=float, default=0.0)
    ap.add_argument("--common-packages", action="store_true")
    args = ap.parse_args()

    go, hm = load(args.go_dump), load(args.heapmap_dump)
    if args.common_packages:
        pkgs = {pkg_of(k) for k in hm}
        go = {k: v for k, v in go.items() if pkg_of(k) in pkgs}
    classes = collections.defaultdict(list)
    for key, g in go.items():
        h = hm.get(key)
        if h is None:
            cls = "missing in heapmap"
        elif g[1] != h[1]:
            cls = "size differs"
        elif g[2] != h[2]:
            cls = "align differs"
        elif g[3] != h[3]:
            cls = "offsets differ"
        else:
            cls = "agree"
        classes[cls].append((g, h))
    for key, h in hm.items():
        if key not in go:
            classes["extra in heapmap"].append((None, h))

    agree = len(classes["agree"])
    total = sum(len(v) for v in classes.values())
    for cls, v in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        if cls == "agree":
            continue
        print(f"== {cls}: {len(v)}")
        for g, h in v[: args.examples]:
            if g is not None:
                print("   go:      " + "\t".join(g))
            if h is not None:
                print("   heapmap: " + "\t".join(h))
    frac = agree / total if total else 1.0
    print(f"agreement: {frac:.4f} ({agree} of {total})")
    print(f"{agree} passed, {total - agree} failed")
    if frac < args.min_agreement:
        sys.exit(1)


if __name__ == "__main__":
    main()
