#!/usr/bin/env python3
"""tests/explain_golden.py — golden `heapmap explain` outputs whose path crosses packages.

tests/explain_golden/cases.txt lists 20 positions (14 in std, 6 in corpus A): for each of
the packages named there, the first site in source order (`report -l -format json`) held
on the heap by another package's callee parameter. For each case:
- `heapmap explain -l POSITION` (run in the tree's root) must print the golden file
  tests/explain_golden/NN.txt byte for byte;
- its path must cross at least one package boundary (two packages among its steps);
- every gc line it prints ("gc: ..." : gc's -m=2 lines at each step's position) must be a
  line of gc's own `go build -gcflags=-m=2 -l` output for that step's package (one build
  per tree of all the packages on the paths, with a fresh GOCACHE, so that every package
  is compiled and prints), but the lines of explain_golden/known_differences.txt (each
  with its reason), which must all still be seen.

  tests/explain_golden.py HEAPMAP            check
  tests/explain_golden.py HEAPMAP --update   pick the cases again and rewrite the golden
                                             files (after the same checks against gc)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "explain_golden")
GO = "/usr/lib/go-1.19/bin/go"
TREES = {
    "std": ("/usr/lib/go-1.19/src", {}),
    "corpus": ("/usr/share/gocode/src", {"GO111MODULE": "off", "GOPATH": "/usr/share/gocode"}),
}
PACKAGES = {
    "std": ["crypto/x509", "internal/xcoff", "debug/elf", "net/http", "debug/macho", "testing",
            "crypto/tls", "net/http/httputil", "mime/multipart", "go/types", "encoding/gob",
            "go/format", "net", "encoding/xml"],
    "corpus": ["github.com/hashicorp/raft", "golang.org/x/crypto/ssh/agent",
               "github.com/prometheus/procfs", "github.com/miekg/dns",
               "golang.org/x/net/webdav", "github.com/prometheus/common/model"],
}
STEP = re.compile(r"^    \d+\. \S+ \[([^\]]+)\] ")


def env_for(tree):
    # PWD: the tree's root as named here (GOROOT's src may be a symbolic link), which
    # heapmap and the go command take as the working directory and print paths from.
    return dict(os.environ, GOFLAGS="", CGO_ENABLED="0", HEAPMAP_CACHE="off",
                PWD=TREES[tree][0], **TREES[tree][1])


def pick_cases(heapmap):
    cases = []
    for tree, pkgs in PACKAGES.items():
        root = TREES[tree][0]
        out = subprocess.run([heapmap, "report", "-q", "-l", "-format", "json"] + pkgs, cwd=root,
                             env=env_for(tree), check=True, capture_output=True).stdout
        first = {}
        # Source order: the report's order is by weight; sort each package's sites.
        sites = sorted(json.loads(out)["sites"],
                       key=lambda s: (s["package"], s["file"], s["line"], s.get("column", 0)))
        for s in sites:
            cp = s.get("callee_param")
            if s["cause"] == "CAUSE_CALLEE" and cp and cp["package"] != s["package"]:
                first.setdefault(s["package"], s)
        for p in pkgs:
            s = first[p]
            cases.append((tree, f"{s['file']}:{s['line']}:{s['column']}"))
    return cases


def explain(heapmap, tree, pos):
    p = subprocess.run([heapmap, "explain", "-l", pos], cwd=TREES[tree][0], env=env_for(tree),
                       capture_output=True)
    if p.returncode != 0:
        raise RuntimeError(f"explain {pos}: exit {p.returncode}: {p.stderr.decode()[-2000:]}")
    return p.stdout.decode()


def gc_lines(tree, packages, tmp):
    """gc's -m=2 -l lines for `packages` of `tree`, as a set."""
    env = env_for(tree)
    env["GOCACHE"] = os.path.join(tmp, "gocache-" + tree)
    p = subprocess.run([GO, "build", "-gcflags=-m=2 -l"] + sorted(packages), cwd=TREES[tree][0],
                       env=env, capture_output=True)
    lines = set(p.stderr.decode().splitlines())
    if p.returncode != 0 and not lines:
        raise RuntimeError(f"go build {tree}: {p.stderr.decode()[-2000:]}")
    return lines


def main():
    heapmap = os.path.abspath(sys.argv[1])
    update = "--update" in sys.argv[2:]
    cases_file = os.path.join(GOLDEN, "cases.txt")
    if update:
        cases = pick_cases(heapmap)
    else:
        with open(cases_file) as f:
            cases = [tuple(l.split()) for l in f if l.strip() and not l.startswith("#")]
    outputs = [explain(heapmap, tree, pos) for tree, pos in cases]
    failures = []
    on_path = {tree: set() for tree in TREES}
    for (tree, pos), out in zip(cases, outputs):
        steps = [m.group(1) for m in map(STEP.match, out.splitlines()) if m]
        on_path[tree].update(steps)
        if len(set(steps)) < 2:
            failures.append(f"{pos}: the path does not cross a package boundary")
    with tempfile.TemporaryDirectory(prefix="heapmap-explain-golden-") as tmp:
        gc = {tree: gc_lines(tree, pkgs, tmp) for tree, pkgs in on_path.items() if pkgs}
    # heapmap's -m=2 lines that differ from gc's, each with its reason: listed, so that a new
    # difference fails and a fixed one must be taken off the list.
    known = set()
    with open(os.path.join(GOLDEN, "known_differences.txt")) as f:
        for l in f:
            if l.strip() and not l.startswith("#"):
                known.add(l.rstrip("\n").split("\t", 1)[1])
    checked, seen_known = 0, set()
    for (tree, pos), out in zip(cases, outputs):
        for line in out.splitlines():
            if line.strip().startswith("gc: "):
                checked += 1
                text = line.strip()[len("gc: "):]
                if text in gc[tree]:
                    continue
                if text in known:
                    seen_known.add(text)
                else:
                    failures.append(f"{pos}: not in gc's -m=2 output: {text}")
    for text in sorted(known - seen_known):
        failures.append(f"known difference no longer seen (take it off the list): {text}")
    if update:
        os.makedirs(GOLDEN, exist_ok=True)
        with open(cases_file, "w") as f:
            f.write("# tree position (tests/explain_golden.py --update picks them)\n")
            for tree, pos in cases:
                f.write(f"{tree} {pos}\n")
        for i, out in enumerate(outputs, start=1):
            with open(os.path.join(GOLDEN, f"{i:02d}.txt"), "w") as f:
                f.write(out)
    else:
        for i, out in enumerate(outputs, start=1):
            with open(os.path.join(GOLDEN, f"{i:02d}.txt")) as f:
                if f.read() != out:
                    failures.append(f"case {i} ({cases[i - 1][1]}): output differs from {i:02d}.txt")
    print(f"{len(cases)} cases, {sum(len(p) for p in on_path.values())} packages on their paths, "
          f"{checked} gc lines checked against gc's -m=2 -l output, {len(seen_known)} of them "
          f"known to differ")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
