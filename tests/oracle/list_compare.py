#!/usr/bin/env python3
# tests/oracle/list_compare.py — compares `heapmap list -json` with `go list -e -json` (Go 1.19).
"""Runs the go command and heapmap over the same patterns and compares, per package,
ImportPath, GoFiles and Imports (and optionally more fields).

Usage:
  list_compare.py --heapmap BIN --mode std
  list_compare.py --heapmap BIN --mode corpus [--pkgs-file FILE]
  list_compare.py --heapmap BIN --mode custom --cwd DIR [--env K=V ...] -- patterns...

BIN is either the heapmap driver (then `BIN list -json ...` is run) or the loader's
debugging tool heapmap_load_tool (then `BIN -json ...`); the name decides.
Prints one line per mismatching field and a summary `N passed, M failed`; exits 1 on
any mismatch. The go command is a reference only, run here and never by heapmap.
"""

import argparse
import json
import os
import subprocess
import sys

GO = "/usr/lib/go-1.19/bin/go"
GOROOT = "/usr/lib/go-1.19"
CORPUS_GOPATH = "/usr/share/gocode"
CORPUS_PKGS = "/work/shared/oracle/corpus-a.pkgs"
DEFAULT_FIELDS = ["ImportPath", "GoFiles", "Imports"]


def parse_stream(text):
    """go list -json prints concatenated JSON objects; split them."""
    dec = json.JSONDecoder()
    out, i = [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return out
        obj, i = dec.raw_decode(text, i)
        out.append(obj)


def run(cmd, env, cwd):
    p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, errors="replace")
    return p.returncode, p.stdout, p.stderr


def heapmap_cmd(binary, patterns):
    if "load_tool" in os.path.basename(binary):
        return [binary, "-json"] + patterns
    return [binary, "list", "-json"] + patterns


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--heapmap", required=True, help="heapmap binary or heapmap_load_tool")
    ap.add_argument("--mode", choices=["std", "corpus", "custom"], default="std")
    ap.add_argument("--pkgs-file", default=CORPUS_PKGS)
    ap.add_argument("--cwd", default=None)
    ap.add_argument("--env", action="append", default=[], help="K=V for both commands")
    ap.add_argument("--fields", default=",".join(DEFAULT_FIELDS),
                    help="comma-separated go list fields to compare")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("patterns", nargs="*")
    args = ap.parse_args()

    env = dict(os.environ)
    env.update({"GOROOT": GOROOT, "CGO_ENABLED": "0", "GOOS": "linux",
                "GOARCH": "amd64", "GOFLAGS": "", "GOPROXY": "off",
                "GOTOOLCHAIN": "local"})
    env.pop("GOPATH", None)
    cwd = args.cwd or "/tmp"
    patterns = list(args.patterns)
    if args.mode == "std":
        patterns = patterns or ["std"]
        env["GO111MODULE"] = "off"
        env["GOPATH"] = "/nonexistent-gopath"
    elif args.mode == "corpus":
        env["GO111MODULE"] = "off"
        env["GOPATH"] = CORPUS_GOPATH
        cwd = args.cwd or os.path.join(CORPUS_GOPATH, "src")
        if not patterns:
            with open(args.pkgs_file) as f:
                patterns = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    for kv in args.env:
        k, _, v = kv.partition("=")
        env[k] = v

    rc, gout, gerr = run([GO, "list", "-e", "-json"] + patterns, env, cwd)
    if rc != 0 and not gout:
        print("go list failed:\n" + gerr, file=sys.stderr)
        return 2
    rc, hout, herr = run(heapmap_cmd(args.heapmap, patterns), env, cwd)
    if not hout and rc != 0:
        print("heapmap failed (exit %d):\n%s" % (rc, herr), file=sys.stderr)
        return 2
    go_pkgs = parse_stream(gout)
    hm_pkgs = parse_stream(hout)
    go_by = {p.get("ImportPath", ""): p for p in go_pkgs}
    hm_by = {p.get("ImportPath", ""): p for p in hm_pkgs}
    fields = [f for f in args.fields.split(",") if f]

    passed = failed = 0
    for ip, g in go_by.items():
        h = hm_by.get(ip)
        if h is None:
            print("%s: missing from heapmap output" % ip)
            failed += 1
            continue
        bad = False
        for f in fields:
            gv, hv = g.get(f), h.get(f)
            if gv != hv:
                bad = True
                if isinstance(gv, list) or isinstance(hv, list):
                    gs, hs = set(gv or []), set(hv or [])
                    extra, missing = sorted(hs - gs), sorted(gs - hs)
                    detail = []
                    if missing:
                        detail.append("missing %s" % missing)
                    if extra:
                        detail.append("extra %s" % extra)
                    if not detail:
                        detail.append("order go=%s heapmap=%s" % (gv, hv))
                    print("%s: %s: %s" % (ip, f, "; ".join(detail)))
                else:
                    print("%s: %s: go=%r heapmap=%r" % (ip, f, gv, hv))
        if bad:
            failed += 1
        else:
            passed += 1
    for ip in hm_by:
        if ip not in go_by:
            print("%s: extra in heapmap output" % ip)
            failed += 1
    if [p.get("ImportPath") for p in go_pkgs] != [p.get("ImportPath") for p in hm_pkgs]:
        print("note: package order differs from go list")
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
