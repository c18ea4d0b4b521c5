#!/usr/bin/env python3
"""Lists the functions gc 1.19 treats as intrinsics on linux/amd64 (ssagen InitTables).

Reads $GOROOT/src/cmd/compile/internal/ssagen/ssa.go and prints one "pkgpath\tname" per
line (methods as "Type.Method"). The inliner charges a call to an intrinsic like any other
node (inl.go: ir.IsIntrinsicCall), so heapmap's cost model needs this list; the output is
checked in as ir/inline_intrinsics.inc. Usage: intrinsics_amd64.py [GOROOT] > list
"""
import re
import sys

goroot = sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/go-1.19"
src = open(f"{goroot}/src/cmd/compile/internal/ssagen/ssa.go").read()
body = src[src.index("func InitTables()"):]
body = body[:body.index("\n}\n")]

def calls(text):
    """Yields (fname, args_text) for each add/addF/alias call at statement level."""
    for m in re.finditer(r"^\t+(add|addF|alias)\(", text, re.M):
        i = m.end()
        depth = 1
        j = i
        while depth:
            c = text[j]
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
            elif c == '"':
                j = text.index('"', j + 1)
            j += 1
        yield m.group(1), text[i:j - 1]

def top_level_args(s):
    out, depth, cur = [], 0, ""
    k = 0
    while k < len(s):
        c = s[k]
        if c == '"':
            e = s.index('"', k + 1)
            cur += s[k:e + 1]
            k = e + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += c
        k += 1
    if cur.strip():
        out.append(cur.strip())
    return out

def amd64(archs):
    for a in archs:
        a = a.strip()
        if a in ("all...", "p8...", "lwatomics...", "sys.AMD64", "sys.ArchAMD64"):
            return True
    return False

have = set()
for fname, args in calls(body):
    a = top_level_args(args)
    pkg, fn = a[0].strip('"'), a[1].strip('"')
    if fname == "alias":
        target = (a[2].strip('"'), a[3].strip('"'))
        if amd64(a[4:]) and target in have:
            have.add((pkg, fn))
    elif amd64(a[3:]):
        have.add((pkg, fn))
# Instrumented builds (-race) drop slicebytetostringtmp; heapmap models plain builds.
for pkg, fn in sorted(have):
    print(f"{pkg}\t{fn}")
