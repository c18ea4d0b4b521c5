#!/usr/bin/env python3
# tests/types_oracle/compare_types.py — compares a go/types dump (dumptypes) with heapmap's.
"""Compares two type dumps in the format of README.md, line by line.

Usage:
  compare_types.py [options] GO_DUMP HEAPMAP_DUMP
    --objects           the dumps are -objects dumps (key file,pos,role) instead of
                        expression dumps (key file,start,end)
    --examples N        examples printed per group (default 5)
    --min-agreement F   exit 1 if the agreeing fraction is below F (default 0: never)
    --common-files      ignore go lines of files that heapmap's dump does not mention
    --loose-aliases     also accept byte=uint8, rune=int32, any=interface{} in types

Expression lines are keyed by (file, start, end); the last column (astkind) is ignored
for matching: go's kind groups the disagreements. Numeric constant values are compared
as exact numbers (1 = 1/1 = 0x.8p+1/2 = (1 + 0i)); everything else compares as text.
Each key falls in one class: agree, mode differs, type differs, value differs (first
that applies), missing in heapmap, extra in heapmap, duplicate key. Prints the classes
grouped by (class, go astkind) with examples, the agreement fraction
agree / (go lines + extra lines), and last `N passed, M failed` (passed = agreeing keys).
"""

import argparse
import collections
import re
import sys
from fractions import Fraction

EXPR_COLS = ["file", "start", "end", "mode", "type", "value", "astkind"]
OBJ_COLS = ["file", "pos", "role", "kind", "name", "type", "decl"]


def load(path, objects):
    """Returns ({key: fields}, [duplicate keys], files)."""
    nkey = 3
    table, dups, files = {}, [], set()
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            cols = line.split("\t")
            want = len(OBJ_COLS if objects else EXPR_COLS)
            if len(cols) < want:
                cols += [""] * (want - len(cols))
            key = tuple(cols[:nkey])
            files.add(cols[0])
            if key in table:
                dups.append((key, line))
            table[key] = cols
    return table, dups, files


HEX_FLOAT = re.compile(r"^(-?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([-+]?\d+)$")
COMPLEX = re.compile(r"^\((.*) \+ (.*)i\)$")


def real_number(s):
    m = HEX_FLOAT.match(s)
    if m:
        sign, ip, fp, exp = m.groups()
        fp = fp or ""
        mant = Fraction(int((ip or "0") + fp, 16), 16 ** len(fp))
        v = mant * Fraction(2) ** int(exp)
        return -v if sign else v
    return Fraction(s)


def number(s):
    """A numeric constant as (re, im) Fractions, or None if s is not numeric."""
    try:
        m = COMPLEX.match(s)
        if m:
            return (real_number(m.group(1)), real_number(m.group(2)))
        return (real_number(s), Fraction(0))
    except (ValueError, ZeroDivisionError):
        return None


def same_value(a, b):
    if a == b:
        return True
    na, nb = number(a), number(b)
    return na is not None and na == nb


ALIASES = [(re.compile(r"(?<![\w./])byte\b"), "uint8"), (re.compile(r"(?<![\w./])rune\b"), "int32"),
           (re.compile(r"(?<![\w./])any\b"), "interface{}")]


def loose(t):
    for rx, repl in ALIASES:
        t = rx.sub(repl, t)
    return t


def classify(g, h, objects, loose_aliases):
    """The class of a key present in both dumps."""
    if objects:
        fields = [("kind", 3), ("name", 4), ("type", 5), ("decl", 6)]
    else:
        fields = [("mode", 3), ("type", 4), ("value", 5)]
    for name, i in fields:
        a, b = g[i], h[i]
        if name == "type" and loose_aliases:
            a, b = loose(a), loose(b)
        if name == "value":
            ok = same_value(a, b)
        else:
            ok = a == b
        if not ok:
            return name + " differs"
    return "agree"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("go_dump")
    ap.add_argument("heapmap_dump")
    ap.add_argument("--objects", action="store_true")
    ap.add_argument("--examples", type=int, default=5)
    ap.add_argument("--min-agreement", type=float, default=0.0)
    ap.add_argument("--common-files", action="store_true")
    ap.add_argument("--loose-aliases", action="store_true")
    args = ap.parse_args()

    go, go_dups, _ = load(args.go_dump, args.objects)
    hm, hm_dups, hm_files = load(args.heapmap_dump, args.objects)
    if args.common_files:
        go = {k: v for k, v in go.items() if k[0] in hm_files}
    # The go-side column used for grouping: astkind for expressions, obj kind for objects.
    group_col = 3 if args.objects else 6

    groups = collections.defaultdict(list)  # (class, kind) -> [(go line, heapmap line)]
    for key, g in go.items():
        h = hm.get(key)
        cls = "missing in heapmap" if h is None else classify(g, h, args.objects, args.loose_aliases)
        groups[(cls, g[group_col])].append((g, h))
    for key, h in hm.items():
        if key not in go:
            groups[("extra in heapmap", h[group_col])].append((None, h))
    for side, dups in (("go", go_dups), ("heapmap", hm_dups)):
        for key, line in dups:
            groups[("duplicate key in " + side, "")].append((None, line.split("\t")))

    agree = sum(len(v) for (cls, _), v in groups.items() if cls == "agree")
    total = sum(len(v) for v in groups.values())
    failed = total - agree
    by_class = collections.Counter()
    for (cls, _), v in groups.items():
        by_class[cls] += len(v)
    for (cls, kind), v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if cls == "agree":
            continue
        print(f"== {cls} [{kind}]: {len(v)}")
        for g, h in v[: args.examples]:
            if g is not None:
                print("   go:      " + "\t".join(g))
            if h is not None:
                print("   heapmap: " + "\t".join(h))
    print("classes: " + ", ".join(f"{c} {n}" for c, n in by_class.most_common()))
    frac = agree / total if total else 1.0
    print(f"agreement: {frac:.4f} ({agree} of {total})")
    print(f"{agree} passed, {failed} failed")
    if frac < args.min_agreement:
        sys.exit(1)


if __name__ == "__main__":
    main()
