#!/usr/bin/env python3
# tests/types_oracle/run_errors.py — run `heapmap check` over every unit of Go 1.19's type-checker testdata and score it.
"""Runs heapmap over the go/types (or types2) testdata units listed by errors_expect.py,
asserts that no unit crashes, hangs or trips a sanitizer, and scores the errors with
`errors_expect.py score`.

Usage: run_errors.py HEAPMAP [--set gotypes|types2] [--timeout S] [-j N]
                     [--min-line N] [--keep DIR] [--verbose]

Each unit (one file, or one directory = one package) is linked into a temporary GOPATH
as package `uNNN` and checked with `GO111MODULE=off GOPATH=tmp heapmap check -q uNNN`, with
the test-only environment HEAPMAP_CHECK_TEST_FUNCS=1 (go/types' assert/trace builtins)
and HEAPMAP_CHECK_LANG from the unit's -lang flag. Reported paths are mapped back to
$GOROOT/src. A unit fails hard if heapmap exits with a status other than 0 or 1, is killed
by the timeout, or prints a sanitizer report (AddressSanitizer, LeakSanitizer, "runtime
error:" of UBSan) on stderr. Exit status 1 on any hard failure or if fewer than
--min-line expected errors are reported on the right line.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECT = os.path.join(HERE, "errors_expect.py")
GOROOT = os.environ.get("GOROOT", "/usr/lib/go-1.19")
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|ThreadSanitizer|runtime error:|SUMMARY: ")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("heapmap")
    ap.add_argument("--set", default="gotypes")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--min-line", type=int, default=0,
                    help="fail if fewer expected errors are reported on the right line")
    ap.add_argument("--keep", help="write heapmap.out, status.tsv, expect.tsv here")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    heapmap = os.path.abspath(args.heapmap)
    env0 = dict(os.environ, GOROOT=GOROOT)
    units = subprocess.run([sys.executable, EXPECT, "units", "--set", args.set], env=env0,
                           check=True, capture_output=True, text=True).stdout.splitlines()
    tmp = tempfile.mkdtemp(prefix="heapmap-errors-")
    out_dir = args.keep or tmp
    os.makedirs(out_dir, exist_ok=True)
    src = os.path.join(GOROOT, "src")
    jobs = []
    for i, row in enumerate(units):
        unit, flags, files = row.split("\t")
        name = f"u{i:03d}"
        pkgdir = os.path.join(tmp, "src", name)
        os.makedirs(pkgdir)
        for f in files.split():
            os.symlink(os.path.join(src, f), os.path.join(pkgdir, os.path.basename(f)))
        origdir = os.path.dirname(os.path.join(src, files.split()[0]))
        jobs.append((unit, flags, name, pkgdir, origdir))

    def run(job):
        unit, flags, name, pkgdir, origdir = job
        env = dict(env0, GO111MODULE="off", GOPATH=tmp, HEAPMAP_CHECK_TEST_FUNCS="1",
                   UBSAN_OPTIONS="print_stacktrace=1", ASAN_OPTIONS="detect_leaks=1")
        env.pop("HEAPMAP_CHECK_LANG", None)
        for flag in flags.split():
            if flag.startswith("-lang="):
                env["HEAPMAP_CHECK_LANG"] = flag[len("-lang="):]
        try:
            p = subprocess.run([heapmap, "check", "-q", "-j", "1", name], cwd=tmp, env=env,
                               capture_output=True, timeout=args.timeout)
            status, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            status, out, err = "timeout", e.stdout or b"", e.stderr or b""
        out = out.decode("utf-8", "replace").replace(pkgdir + "/", origdir + "/")
        err = err.decode("utf-8", "replace")
        hard = None
        if status == "timeout":
            hard = f"timeout after {args.timeout:g} s"
        elif status not in (0, 1):
            hard = f"exit status {status}"
        elif SANITIZER.search(err):
            hard = "sanitizer report"
        return unit, status, out, err, hard

    with concurrent.futures.ThreadPoolExecutor(args.j) as ex:
        results = list(ex.map(run, jobs))
    out_path = os.path.join(out_dir, "heapmap.out")
    status_path = os.path.join(out_dir, "status.tsv")
    expect_path = os.path.join(out_dir, "expect.tsv")
    hard = []
    with open(out_path, "w") as fo, open(status_path, "w") as fs:
        for unit, status, out, err, h in results:
            fo.write(out)
            # Errors the loader prints (heapmap: ...) stay on stderr; keep them for reading.
            fs.write(f"{unit}\t{status if isinstance(status, int) else 124}\n")
            if h:
                hard.append((unit, h, err))
    subprocess.run([sys.executable, EXPECT, "expect", "--set", args.set, "-o", expect_path],
                   env=env0, check=True)
    cmd = [sys.executable, EXPECT, "score", "--expect", expect_path, "--status", status_path]
    if args.verbose:
        cmd.append("--verbose")
    score = subprocess.run(cmd + [out_path], env=env0, capture_output=True, text=True).stdout
    print(score, end="")
    for unit, h, err in hard:
        print(f"HARD FAILURE: {unit}: {h}")
        print("\n".join("    " + l for l in err.splitlines()[-40:]))
    m = re.search(r"reported on the right line: (\d+)", score)
    on_line = int(m.group(1)) if m else 0
    ok = True
    if hard:
        print(f"FAIL: {len(hard)} unit(s) crashed, hung or tripped a sanitizer")
        ok = False
    if on_line < args.min_line:
        print(f"FAIL: {on_line} expected errors on the right line, minimum {args.min_line}")
        ok = False
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"units: {len(units)}; " + ("OK" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
