#!/usr/bin/env python3
"""tests/heapmap_assert.py — `heapmap assert`: //heapmap:noalloc and //heapmap:noescape.

A module of three packages: a's //heapmap:noalloc Fast calls b.Middle, which calls
c.Leaf, which moves a variable to the heap (two packages away); a's Format calls into
std (strconv.Quote allocates); a has //heapmap:noescape variables (one on the line above
a declaration, one trailing) and a parameter named in a function's doc. `heapmap assert`
must fail with exactly the broken ones, Fast's with its call path to c's allocation; once
the allocations are removed, it must pass.

Usage: tests/heapmap_assert.py HEAPMAP [GOROOT]   (default GOROOT /usr/lib/go-1.19)
"""
import os
import subprocess
import sys
import tempfile

HEAPMAP = os.path.realpath(sys.argv[1])
GOROOT = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/go-1.19"
failures = []

A = """package a

import (
	"strconv"

	"example.com/as/b"
)

// Fast must not allocate.
//
//heapmap:noalloc
func Fast(n int) int {
	return b.Middle(n) + 1
}

//heapmap:noalloc
func Pure(x, y int) int { return x*y + 1 }

//heapmap:noalloc
func Format(s string) string { return strconv.Quote(s) }

var sink *int

func Keep() {
	//heapmap:noescape
	v := 3
	sink = &v
	w := 4 //heapmap:noescape
	_ = w
}

//heapmap:noescape p
func Param(p *int, q *int) { sink = p }
"""
B = """package b

import "example.com/as/c"

//go:noinline
func Middle(n int) int { return c.Leaf(n) }
"""
C_ALLOC = """package c

var keep []*int

//go:noinline
func Leaf(n int) int {
	x := n
	keep = append(keep, &x)
	return n
}
"""
C_FIXED = """package c

var count int

//go:noinline
func Leaf(n int) int {
	count += n
	return n
}
"""


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def run(tree):
    env = dict(os.environ, GOROOT=GOROOT, GO111MODULE="", HEAPMAP_CACHE="off")
    env.pop("GOPATH", None)
    return subprocess.run([HEAPMAP, "assert", "./..."], cwd=tree, env=env, capture_output=True,
                          text=True)


def main():
    with tempfile.TemporaryDirectory(prefix="heapmap-assert-") as tree:
        write(tree, "go.mod", "module example.com/as\n\ngo 1.19\n")
        write(tree, "a/a.go", A)
        write(tree, "b/b.go", B)
        write(tree, "c/c.go", C_ALLOC)
        p = run(tree)
        print(p.stdout, p.stderr, sep="")
        check(p.returncode == 1, f"broken assertions: exit {p.returncode} (want 1)")
        heads = [line for line in p.stdout.splitlines() if not line.startswith("\t")]
        check(len(heads) == 4, f"{len(heads)} broken (want 4: Fast, Format, v, p)")
        out = p.stdout
        check("a/a.go:12:6: Fast is //heapmap:noalloc" in out, "Fast is named at its position")
        check("calls: example.com/as/a.Fast -> example.com/as/b.Middle -> example.com/as/c.Leaf" in out,
              "Fast's call path crosses two packages")
        check("c/c.go:7:2: moved to heap: x" in out, "the allocation two packages away")
        check("Format is //heapmap:noalloc" in out and "strconv." in out, "Format reaches std's allocation")
        check("Pure" not in out, "Pure allocates nothing")
        check("a/a.go:26:2: v is //heapmap:noescape, but it is moved to the heap" in out,
              "v (directive on the line above) escapes")
        check(" w " not in out, "w (trailing directive) stays on the stack")
        check("a/a.go:33:12: p is //heapmap:noescape, but it leaks to the heap" in out,
              "the parameter named in the doc comment leaks")
        check(" q " not in out, "q is not asserted")
        check("6 assertions, 4 broken" in p.stderr, "the summary counts them")

        write(tree, "c/c.go", C_FIXED)
        write(tree, "a/a.go", A.replace("strconv.Quote(s)", "s").replace('\t"strconv"\n\n', "")
              .replace("\tsink = &v\n", "\t_ = v\n").replace("func Param(p *int, q *int) { sink = p }",
                                                          "func Param(p *int, q *int) { _ = *p }"))
        p = run(tree)
        print(p.stdout, p.stderr, sep="")
        check(p.returncode == 0 and p.stdout == "", f"allocations removed: exit {p.returncode} (want 0)")
        check("6 assertions, 0 broken" in p.stderr, "all six hold")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
