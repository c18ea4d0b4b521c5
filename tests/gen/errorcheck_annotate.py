#!/usr/bin/env python3
"""tests/gen/errorcheck_annotate.py [--inline] FILE.go... — pin gc's verdicts into rule tests.

For each file (one self-contained package, no imports), runs Go 1.19's
`go tool compile -p=p -m -l` on it and rewrites the file so that every line carrying gc
diagnostics ends in an errorcheck annotation: `// ERROR "re1" "re2"`, one exact, anchored
regexp per message, matched against "COLUMN: MESSAGE" so that columns are pinned too
(existing annotations are replaced). ir/rules_test.cc then checks heapmap's lines
against them. Run it after writing or changing a rule test; never edit
the annotations by hand.

--inlined (ir/testdata/inlined/): runs `go tool compile -p=p -m` (inlining on) and keeps
every line: the inliner's and the escape lines of the code as inlined.

--inline (ir/testdata/inline/): runs `go tool compile -p=p -m=2` with inlining on and
keeps the inliner's lines only: "can inline F with cost N" (gc's " as: BODY" tail, which
heapmap does not print, is dropped), "cannot inline F: REASON", "inlining call to F".
"""
import os, re, subprocess, sys, tempfile

GO = "/usr/lib/go-1.19/bin/go"
INLINE = "--inline" in sys.argv[1:]
INLINED = "--inlined" in sys.argv[1:]
FLAGS = ["-m=2"] if INLINE else ["-m"] if INLINED else ["-m", "-l"]
INLINE_LINE = re.compile(r"^(can inline |cannot inline |inlining call to )")

def gc_lines(path):
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GOCACHE=os.path.join(tmp, "cache"), GO111MODULE="off")
        r = subprocess.run([GO, "tool", "compile", "-p=p", *FLAGS, "-o", os.path.join(tmp, "a.o"),
                            os.path.basename(path)], cwd=os.path.dirname(os.path.abspath(path)),
                           env=env, capture_output=True, text=True)
    out = {}
    for line in (r.stdout + r.stderr).splitlines():
        m = re.match(r"^(.*?):(\d+):(\d+): (.*)$", line)
        if not m:
            continue
        msg = m.group(4)
        if INLINE:
            if not INLINE_LINE.match(msg):
                continue
            msg = re.sub(r" as: .*$", "", msg)
        if m.group(1) != os.path.basename(path):
            sys.exit(f"{path}: unexpected gc output: {line}")
        out.setdefault(int(m.group(2)), []).append(f"{m.group(3)}: {msg}")
    if r.returncode != 0:
        sys.exit(f"{path}: gc failed:\n{r.stdout}{r.stderr}")
    return out

def quote(msg):
    re_ = "^" + re.sub(r"([\\.+*?()|\[\]{}^$])", r"\\\1", msg) + "$"
    return '"' + re_.replace("\\", "\\\\").replace('"', '\\"') + '"'

for path in [a for a in sys.argv[1:] if a not in ("--inline", "--inlined")]:
    lines = open(path).read().split("\n")
    lines = [re.sub(r"\s*// ERROR .*$", "", l) for l in lines]
    open(path, "w").write("\n".join(lines))
    diags = gc_lines(path)
    for n, msgs in diags.items():
        lines[n - 1] += " // ERROR " + " ".join(quote(m) for m in msgs)
    open(path, "w").write("\n".join(lines))
    print(f"{path}: {sum(len(v) for v in diags.values())} messages on {len(diags)} lines")
