#!/usr/bin/env python3
"""tests/dashboard.py — `heapmap dashboard` of std with a three-scan history, in Chromium.

Scans std three times into one database (the first with -l, the others with inlining on:
the trends then show a change), writes the dashboard, and runs tests/dashboard_test.js in
headless Chromium (puppeteer-core): no console error, the treemap, trends and table drawn,
filtering and sorting right, package -> function -> site reaching the explanation and the
source lines. Prints the load time and the output's size; saves the screenshots into
--shots DIR (default: a temporary directory; docs/ keeps the current ones).

Usage: tests/dashboard.py HEAPMAP [--shots DIR] [GOROOT]
"""
import os
import shutil
import subprocess
import sys
import tempfile

args = sys.argv[1:]
HEAPMAP = os.path.realpath(args.pop(0))
shots = None
if "--shots" in args:
    i = args.index("--shots")
    shots = os.path.realpath(args[i + 1])
    del args[i:i + 2]
GOROOT = args[0] if args else "/usr/lib/go-1.19"
HERE = os.path.dirname(os.path.realpath(__file__))


def main():
    with tempfile.TemporaryDirectory(prefix="heapmap-dashboard-") as tmp:
        db = os.path.join(tmp, "std.db")
        src = os.path.join(GOROOT, "src")
        env = dict(os.environ, GOROOT=GOROOT, PWD=src)
        for label, flags in (("first (-l)", ["-l"]), ("second", []), ("third", [])):
            subprocess.run([HEAPMAP, "scan", "-q", "-db", db, "-label", label] + flags + ["std"],
                           cwd=src, env=env, check=True, stdout=subprocess.DEVNULL)
        site = os.path.join(tmp, "site")
        subprocess.run([HEAPMAP, "dashboard", "-q", "-db", db, "-o", site], check=True)
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(site) for f in fs)
        first = sum(os.path.getsize(os.path.join(site, f)) for f in
                    ("index.html", "app.js", "style.css", "data/summary.js", "lib/d3.min.js",
                     "lib/chart.min.js"))
        print(f"dashboard of std: {size / 1e6:.1f} MB in all, {first / 1e6:.2f} MB for the first view")
        out = shots or os.path.join(tmp, "shots")
        os.makedirs(out, exist_ok=True)
        p = subprocess.run(["node", os.path.join(HERE, "dashboard_test.js"), site, out])
        return p.returncode


if __name__ == "__main__":
    sys.exit(main())
