#!/usr/bin/env python3
# tests/types_oracle/selftest.py — checks the oracle tools themselves (needs Go 1.19).
"""Builds dumptypes and dumpsizes, regenerates the golden quirks dumps into a temporary
directory and requires them to equal testdata/src/quirks/quirks.{types,objects,sizes}
through compare_types.py / compare_sizes.py (100%), and checks errors_expect.py's
expectation count. Prints `N passed, M failed`; exit 1 on any failure.

Usage: selftest.py [--go /usr/lib/go-1.19/bin/go]
"""

import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--go", default="/usr/lib/go-1.19/bin/go")
    args = ap.parse_args()
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""))
        if ok:
            passed += 1
        else:
            failed += 1

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GOFLAGS="", CGO_ENABLED="0", GOOS="linux", GOARCH="amd64",
                   GO=args.go, GOROOT=os.path.dirname(os.path.dirname(args.go)))
        env.setdefault("GOCACHE", os.path.join(tempfile.gettempdir(), "types-oracle-gocache"))
        for tool in ("dumptypes", "dumpsizes"):
            r = subprocess.run([args.go, "build", "-o", os.path.join(tmp, tool), "."],
                               cwd=os.path.join(HERE, tool), env=env, capture_output=True, text=True)
            check("build " + tool, r.returncode == 0, r.stderr)
            if r.returncode:
                print(f"{passed} passed, {failed + 1} failed")
                sys.exit(1)
        qenv = dict(env, GO111MODULE="off", GOPATH=os.path.join(HERE, "testdata"))
        src = os.path.join(HERE, "testdata", "src")
        golden = os.path.join(src, "quirks", "quirks.")
        runs = [("types", ["dumptypes"], "compare_types.py", []),
                ("objects", ["dumptypes", "-objects"], "compare_types.py", ["--objects"]),
                ("sizes", ["dumpsizes"], "compare_sizes.py", [])]
        for ext, cmd, script, opts in runs:
            out = os.path.join(tmp, "quirks." + ext)
            r = subprocess.run([os.path.join(tmp, cmd[0])] + cmd[1:] + ["-o", out, "quirks"],
                               cwd=src, env=qenv, capture_output=True, text=True)
            check(f"dump quirks.{ext}", r.returncode == 0, r.stderr)
            c = subprocess.run([sys.executable, os.path.join(HERE, script)] + opts +
                               ["--min-agreement", "1", golden + ext, out], capture_output=True, text=True)
            check(f"quirks.{ext} equals the golden file", c.returncode == 0, c.stdout[-2000:])
        r = subprocess.run([sys.executable, os.path.join(HERE, "errors_expect.py"), "expect", "-o",
                            os.path.join(tmp, "exp.tsv")], env=env, capture_output=True, text=True)
        n = sum(1 for _ in open(os.path.join(tmp, "exp.tsv"))) if r.returncode == 0 else 0
        check("errors_expect: 2567 expectations in go/types' testdata", n == 2567, f"{n} ({r.stderr})")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
