#!/usr/bin/env python3
"""tests/parser_agreement.py: heapmap's parser against Go's go/parser, file by file.

The files: GOROOT/src/go/parser/testdata (go/parser's own test data, much of it
deliberately invalid) and every .go file under GOROOT/test (the compiler's test suite,
whose errorcheck files include syntax errors). For each file, both parsers say accept or
reject; they agree when the verdicts are equal. For files both reject, the line of the
first error is compared too (reported, not required: the two parsers recover differently).

heapmap follows gc's parser, which rejects some invalid programs that go/parser leaves to
go/types (misplaced labels, break and fallthrough, `.(type)` outside a type switch, ...).
So each file that only heapmap rejects is compiled with gc (`go tool compile`): when gc
reports heapmap's first error, same position and message, the rejection is "as gc". A
rejection gc does not confirm is a false rejection, and fails the test.

Usage: parser_agreement.py HEAPMAP [--goroot DIR] [--go GO] [--min-agreement F]
Prints the disagreements, the figures, and a last line "N passed, M failed" (passed: files
where heapmap agrees with go/parser, or rejects exactly as gc does). Exit 1 if the
agreement with go/parser falls below --min-agreement or any rejection is unconfirmed.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def collect_files(goroot):
    files = []
    testdata = os.path.join(goroot, "src/go/parser/testdata")
    for dirpath, _, names in os.walk(testdata):
        for n in names:
            if n.endswith((".go", ".go2", ".src")):
                files.append(os.path.join(dirpath, n))
    for dirpath, _, names in os.walk(os.path.join(goroot, "test") + "/"):
        for n in names:
            if n.endswith(".go"):
                files.append(os.path.join(dirpath, n))
    return sorted(files)


def go_verdicts(go, files, work):
    exe = os.path.join(work, "goparser_verdict")
    env = dict(os.environ, GOCACHE=os.path.join(work, "gocache"), GOFLAGS="", CGO_ENABLED="0")
    subprocess.run([go, "build", "-o", exe, "."], cwd=os.path.join(HERE, "goparser_verdict"),
                   env=env, check=True)
    listing = os.path.join(work, "files")
    with open(listing, "w") as f:
        f.write("\n".join(files) + "\n")
    out = subprocess.run([exe, "-files", listing], capture_output=True, text=True,
                         errors="replace", check=True).stdout
    verdicts = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if parts[1] == "ok":
            verdicts[parts[0]] = (True, None, "")
        else:
            m = re.match(r"(\d+):(\d+): (.*)", parts[2])
            verdicts[parts[0]] = (False, int(m.group(1)) if m else None, parts[2])
    return verdicts


def heapmap_verdicts(heapmap, files):
    """heapmap's first error per file. `//line` directives rename the file in messages, so
    files that have them are parsed one at a time; the rest in one call."""
    def run(batch):
        proc = subprocess.run([heapmap, "parse", "-q", "--"] + batch, capture_output=True,
                              text=True, errors="replace")
        if proc.returncode not in (0, 1):
            sys.exit(f"heapmap parse exited {proc.returncode}: {proc.stderr[:2000]}")
        return proc.stdout.splitlines()

    def has_line_directive(path):
        with open(path, "rb") as f:
            data = f.read()
        return b"//line " in data or b"/*line " in data

    pattern = re.compile(r"^(.*?):(\d+)(?::(\d+))?: (.*)$")
    first_error = {}
    wanted = set(files)
    plain = [f for f in files if not has_line_directive(f)]
    for line in run(plain):
        m = pattern.match(line)
        if m and m.group(1) in wanted and m.group(1) not in first_error:
            first_error[m.group(1)] = (int(m.group(2)), line)
    for f in files:
        if f in wanted and f not in plain:
            lines = run([f])
            if lines:
                m = pattern.match(lines[0])
                first_error[f] = (int(m.group(2)) if m else None, lines[0])
    return {f: ((False,) + first_error[f]) if f in first_error else (True, None, "")
            for f in files}


def gc_confirms(go, goroot, path, heapmap_line, work):
    """True when gc, compiling the file alone, prints heapmap's first error line."""
    env = dict(os.environ, GOROOT=goroot, GOCACHE=os.path.join(work, "gocache"), GOFLAGS="",
               CGO_ENABLED="0", GOOS="linux", GOARCH="amd64")
    proc = subprocess.run([go, "tool", "compile", "-p", "p", "-o", os.path.join(work, "o.o"), path],
                          capture_output=True, text=True, errors="replace", env=env, cwd=work)
    return heapmap_line in (proc.stdout + proc.stderr).splitlines()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("heapmap")
    ap.add_argument("--goroot", default=os.environ.get("GOROOT", "/usr/lib/go-1.19"))
    ap.add_argument("--go", default="/usr/lib/go-1.19/bin/go")
    ap.add_argument("--min-agreement", type=float, default=0.0)
    args = ap.parse_args()

    files = collect_files(args.goroot)
    with tempfile.TemporaryDirectory() as work:
        gov = go_verdicts(args.go, files, work)
        hmv = heapmap_verdicts(args.heapmap, files)
        confirmed = {f for f in files
                     if gov[f][0] and not hmv[f][0]
                     and gc_confirms(args.go, args.goroot, f, hmv[f][2], work)}

    counts = collections.Counter()
    same_line = 0
    disagreements = []
    for f in files:
        g_ok, g_line, g_msg = gov[f]
        h_ok, h_line, h_msg = hmv[f]
        if g_ok and h_ok:
            counts["both accept"] += 1
        elif not g_ok and not h_ok:
            counts["both reject"] += 1
            same_line += g_line == h_line
        elif g_ok and f in confirmed:
            counts["only heapmap rejects, as gc does"] += 1
            disagreements.append(f"heapmap rejects as gc does, go/parser accepts: {h_msg}")
        elif g_ok:
            counts["only heapmap rejects, gc does not confirm"] += 1
            disagreements.append(f"FALSE REJECTION (go/parser accepts, gc differs): {h_msg}")
        else:
            counts["only go/parser rejects"] += 1
            disagreements.append(f"go/parser rejects, heapmap accepts: {f}: {g_msg}")

    for d in disagreements:
        print(d)
    agree = counts["both accept"] + counts["both reject"]
    total = len(files)
    print(f"files: {total}")
    for k in ("both accept", "both reject", "only heapmap rejects, as gc does",
              "only heapmap rejects, gc does not confirm", "only go/parser rejects"):
        print(f"  {k}: {counts[k]}")
    print(f"  both reject with the first error on the same line: {same_line}")
    agreement = agree / total if total else 0.0
    passed = agree + counts["only heapmap rejects, as gc does"]
    print(f"agreement with go/parser: {agreement:.4f} (minimum {args.min_agreement:.4f})")
    print(f"agreement with go/parser or gc: {passed / total if total else 0.0:.4f}")
    print(f"{passed} passed, {total - passed} failed")
    unconfirmed = counts["only heapmap rejects, gc does not confirm"]
    return 0 if agreement >= args.min_agreement and unconfirmed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
