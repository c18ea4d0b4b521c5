#!/usr/bin/env python3
# tests/types_oracle/errors_expect.py — expected type errors from Go 1.19's type-checker testdata, and a scorer.
"""The ERROR comments of go/types' (or types2's) testdata as expectations, and a scorer
for heapmap's error output against them.

Usage:
  errors_expect.py expect [--set gotypes|types2] [-o FILE]
      prints `file<TAB>line<TAB>regexp`, one line per expected error
  errors_expect.py units [--set gotypes|types2]
      prints `unit<TAB>flags<TAB>file file ...`: the packages the Go tests check (each
      .go file of a testdata dir is a package, each subdirectory is one), with the flags
      of their first line (-lang=go1.17, -fakeImportC); heapmap should check each unit
      as one package and print its errors as `file:line:col: message`
  errors_expect.py score --expect FILE [--status FILE] [--ok-status 0,1]
                         [--min-recall F] [--verbose] HEAPMAP_OUTPUT...
      scores heapmap's output (files of `file:line:col: message` lines; a line starting
      with a tab continues the previous message (joined with "\n", as in go/types'
      multi-line messages); other lines are ignored)

Sets: gotypes = $GOROOT/src/go/types/testdata/{check,examples,fixedbugs,spec},
types2 = $GOROOT/src/cmd/compile/internal/types2/testdata/{...} (same tests, ERROR
comments placed for gc's positions and messages). Files are relative to $GOROOT/src
(GOROOT defaults to /usr/lib/go-1.19); heapmap's absolute paths below it are made
relative. `.go1` files and manual.go are skipped, as in the Go tests.

An ERROR comment (`/* ERROR "rx" */`, `// ERROR rx`, `/* ERROR HERE "rx" */`) expects an
error at the token before the comment (auto-inserted semicolons do not count), so the
line is that token's line; rx is a Go regexp (compiled as a Python one; if that fails,
matched as a substring). Scoring is by line, not column (heapmap's positions follow gc,
go/types' do not): expected errors and reported errors on the same (file, line) are
paired one to one, first by message match, then any. Reported: expected, on the right
line, also with a matching message; unexpected errors (reported on a line without
expectations); crashes (units whose exit status in --status `unit<TAB>status` is not
in --ok-status). Last line `N passed, M failed`: passed = expected errors reported on
the right line with a matching message; failed = the other expected errors +
unexpected errors + crashes. --min-recall F exits 1 if passed/expected < F.
"""

import argparse
import collections
import os
import re
import sys

GOROOT = os.environ.get("GOROOT", "/usr/lib/go-1.19")
SETS = {"gotypes": "go/types/testdata", "types2": "cmd/compile/internal/types2/testdata"}
SUBDIRS = ["check", "examples", "fixedbugs", "spec"]
ERR_RX = re.compile(r'^ *ERROR *(HERE)? *"?([^"]*)"?')
OPERATORS = sorted("""&^= <<= >>= ... && || <- ++ -- == != <= >= := += -= *= /= %= &= |= ^= << >> &^
                      + - * / % & | ^ < > = ! ( ) [ ] { } , ; . : ~""".split(), key=len, reverse=True)


def src_root():
    return os.path.join(GOROOT, "src")


def expectations(path):
    """[(line, regexp)] of the ERROR comments of one Go file, by a small Go tokenizer."""
    src = open(path, encoding="utf-8", errors="surrogateescape").read()
    out = []
    i, n, line = 0, len(src), 1
    prev_line = 0  # line of the previous token (0: none yet)
    while i < n:
        c = src[i]
        if c == "\n":
            line += 1
            i += 1
        elif c in " \t\r\ufeff":
            i += 1
        elif src.startswith("//", i) or src.startswith("/*", i):
            if src[i + 1] == "/":
                j = src.find("\n", i)
                j = n if j < 0 else j
                text = src[i + 2 : j]
            else:
                j = src.find("*/", i + 2)
                j = n if j < 0 else j + 2
                text = src[i + 2 : j - 2]
            m = ERR_RX.match(text)
            if m:
                out.append((prev_line, m.group(2).strip()))
            line += src.count("\n", i, j)
            i = j
        elif c in "\"'`":
            j = i + 1
            while j < n and src[j] != c and not (c != "`" and src[j] == "\n"):
                j += 2 if (c != "`" and src[j] == "\\") else 1
            prev_line = line
            line += src.count("\n", i, min(j + 1, n))
            i = j + 1
        elif c.isalnum() or c == "_" or ord(c) > 127:
            j = i
            while j < n and (src[j].isalnum() or src[j] in "_." or ord(src[j]) > 127):
                j += 1
            prev_line = line
            i = j
        else:
            op = next((o for o in OPERATORS if src.startswith(o, i)), c)
            prev_line = line
            i += len(op)
    return out


def units(set_name):
    """[(unit, flags, [files])], files relative to GOROOT/src."""
    base = SETS[set_name]
    result = []
    for sub in SUBDIRS:
        d = os.path.join(src_root(), base, sub)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if os.path.isdir(p):
                files = [os.path.join(p, f) for f in sorted(os.listdir(p)) if f.endswith(".go")]
            elif name.endswith(".go"):
                files = [p]
            else:
                continue  # .go1 files are skipped by the Go tests
            if not files:
                continue
            first = open(files[0], encoding="utf-8", errors="replace").readline()
            flags = ""
            m = re.match(r"^//\s*(-\S.*)$", first)
            if m:
                flags = " ".join(w for w in m.group(1).split() if w.startswith("-") and len(w) > 1)
            rel = lambda f: os.path.relpath(f, src_root())
            result.append((rel(p), flags, [rel(f) for f in files]))
    return result


def cmd_expect(args):
    out = open(args.o, "w") if args.o else sys.stdout
    count = 0
    for _, _, files in units(args.set):
        for f in files:
            for line, rx in expectations(os.path.join(src_root(), f)):
                out.write(f"{f}\t{line}\t{rx}\n")
                count += 1
    print(f"errors_expect: {count} expected errors", file=sys.stderr)


def cmd_units(args):
    for unit, flags, files in units(args.set):
        print(f"{unit}\t{flags}\t{' '.join(files)}")


def matches(rx, msg):
    try:
        return re.search(rx, msg) is not None
    except re.error:
        return rx in msg


REPORT = re.compile(r"^(.+?):(\d+)(?::(\d+))?: (.*)$")


def cmd_score(args):
    expected = collections.defaultdict(list)  # (file, line) -> [rx]
    nexp = 0
    with open(args.expect, encoding="utf-8") as f:
        for row in f:
            parts = row.rstrip("\n").split("\t", 2)
            if len(parts) == 3:
                expected[(parts[0], int(parts[1]))].append(parts[2])
                nexp += 1
    files = {k[0] for k in expected}
    reported = collections.defaultdict(list)  # (file, line) -> [msg]
    root = src_root() + os.sep
    for path in args.outputs:
        with open(path, encoding="utf-8", errors="replace") as f:
            last = None  # (key, index) of the previous error, for continuation lines
            for row in f:
                row = row.rstrip("\n")
                if row.startswith("\t") and last:  # "\n\t..." continues the message
                    msgs = reported[last[0]]
                    msgs[last[1]] += "\n" + row
                    continue
                m = REPORT.match(row)
                if not m:
                    last = None
                    continue
                file = os.path.normpath(m.group(1))
                if file.startswith(root):
                    file = file[len(root):]
                key = (file, int(m.group(2)))
                reported[key].append(m.group(4))
                last = (key, len(reported[key]) - 1)

    on_line = with_msg = 0
    missed, unexpected = [], []
    for key in sorted(set(expected) | set(reported)):
        exps = list(expected.get(key, []))
        rest = []  # reported messages matching no expectation
        for msg in reported.get(key, []):
            rx = next((r for r in exps if matches(r, msg)), None)
            if rx is None:
                rest.append(msg)
            else:
                exps.remove(rx)
                on_line += 1
                with_msg += 1
        k = min(len(exps), len(rest))  # paired on the line, message not matching
        on_line += k
        for i, rx in enumerate(exps):
            missed.append((key, rx, i < k))
        if key[0] in files:
            unexpected += [(key, msg) for msg in rest[k:]]
    crashes = []
    if args.status:
        ok = {int(s) for s in args.ok_status.split(",")}
        with open(args.status, encoding="utf-8") as f:
            for row in f:
                parts = row.rstrip("\n").split("\t")
                if len(parts) >= 2 and parts[1].strip() and int(parts[1]) not in ok:
                    crashes.append((parts[0], parts[1]))
    if args.verbose:
        for (file, line), rx, line_hit in missed:
            print(f"missed{' message' if line_hit else ''}: {file}:{line}: {rx}")
        for (file, line), msg in unexpected:
            print(f"unexpected: {file}:{line}: {msg}")
    for unit, status in crashes:
        print(f"crash: {unit}: exit status {status}")
    print(f"expected errors: {nexp}")
    print(f"reported on the right line: {on_line} ({on_line / max(nexp, 1):.4f})")
    print(f"  ... with a matching message: {with_msg} ({with_msg / max(nexp, 1):.4f})")
    print(f"unexpected errors: {len(unexpected)}")
    print(f"crashes: {len(crashes)}")
    print(f"{with_msg} passed, {nexp - with_msg + len(unexpected) + len(crashes)} failed")
    if nexp and with_msg / nexp < args.min_recall:
        sys.exit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("expect")
    e.add_argument("--set", choices=SETS, default="gotypes")
    e.add_argument("-o")
    u = sub.add_parser("units")
    u.add_argument("--set", choices=SETS, default="gotypes")
    s = sub.add_parser("score")
    s.add_argument("--expect", required=True)
    s.add_argument("--status")
    s.add_argument("--ok-status", default="0,1")
    s.add_argument("--min-recall", type=float, default=0.0)
    s.add_argument("--verbose", action="store_true")
    s.add_argument("outputs", nargs="+")
    args = ap.parse_args()
    {"expect": cmd_expect, "units": cmd_units, "score": cmd_score}[args.cmd](args)


if __name__ == "__main__":
    main()
