#!/usr/bin/env python3
"""tests/profile_join.py — `heapmap report -profile` against real heap profiles.

For encoding/json, fmt, strings, bytes, regexp (std) and go.uber.org/zap and
github.com/miekg/dns (corpus A): builds the package's test binary with Go 1.19, runs its
benchmarks with every allocation sampled (`-test.memprofilerate=1`; a few iterations each,
and the slowest benchmarks left out, to bound the time), and joins the profile with
`heapmap report -format json -profile`, once over the package alone and once over std and
the package. Each time, of the sampled bytes whose leaf frame lies in scanned code, at
least 99% must be attributed to a reported site (issue 9). Prints, per package and scope,
the figures and the share of the attributed bytes that the static rank's top 100 sites
hold, the remainder by cause (which must add up to the bytes not attributed) and the
largest sampled lines with no site.

Usage: tests/profile_join.py HEAPMAP [GO]   (default GO /usr/lib/go-1.19/bin/go)
"""
import json
import os
import subprocess
import sys
import tempfile

GOROOT_SRC = "/usr/lib/go-1.19/src"
GOPATH = "/usr/share/gocode"
# (package, benchmark pattern, GOPATH mode): patterns that leave out what takes minutes
# with every allocation sampled (json's type-cache misses, regexp's 1M-32M inputs).
PACKAGES = [
    ("encoding/json", "Code|Marshal|Unmarshal|Issue|Unmapped|Decoder|Encode", False),
    ("fmt", ".", False),
    ("strings", ".", False),
    ("bytes", ".", False),
    ("regexp", "^Benchmark[^M]|Match/.*/(32|1K)$", False),
    ("go.uber.org/zap", ".", True),
    ("github.com/miekg/dns", ".", True),
]
THRESHOLD = 0.99


def main():
    heapmap = os.path.abspath(sys.argv[1])
    go = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/go-1.19/bin/go"
    failures = []
    with tempfile.TemporaryDirectory(prefix="heapmap-profile-join-") as tmp:
        for pkg, bench, gopath in PACKAGES:
            env = dict(os.environ, GOFLAGS="", CGO_ENABLED="0")
            if gopath:
                env.update(GO111MODULE="off", GOPATH=GOPATH)
                cwd, pkg_dir = os.path.join(GOPATH, "src"), os.path.join(GOPATH, "src", pkg)
            else:
                cwd, pkg_dir = GOROOT_SRC, os.path.join(GOROOT_SRC, pkg)
            name = pkg.replace("/", "_")
            binary = os.path.join(tmp, name + ".test")
            prof = os.path.join(tmp, name + ".prof")
            subprocess.run([go, "test", "-vet=off", "-c", "-o", binary, pkg], cwd=cwd, env=env,
                           check=True)
            subprocess.run([binary, "-test.run=NONE", "-test.bench=" + bench,
                            "-test.benchtime=3x", "-test.memprofile=" + prof,
                            "-test.memprofilerate=1"], cwd=pkg_dir, env=env, check=True,
                           stdout=subprocess.DEVNULL)
            for scope in ([pkg], ["std", pkg]):
                out = subprocess.run([heapmap, "report", "-q", "-cache", "off", "-format", "json",
                                      "-profile", prof] + scope, cwd=cwd, env=env, check=True,
                                     capture_output=True).stdout
                report = json.loads(out)
                p = report["profile"]
                scanned, attributed = int(p.get("scanned", 0)), int(p.get("attributed", 0))
                share = attributed / scanned if scanned else 0.0
                label = " ".join(scope)
                print(f"{label}: {int(p.get('total', 0))} bytes sampled, {scanned} in scanned "
                      f"code, {attributed} attributed ({share:.4%}); "
                      f"{p.get('sites_sampled', 0)} sites sampled, "
                      f"{p.get('sites_never_sampled', 0)} never; static top 100 hold "
                      f"{p.get('static_top100_share', 0):.1%} of the attributed")
                by_cause = p.get("unattributed_by_cause", [])
                for c in by_cause:
                    print(f"    remainder: {c.get('value', 0)} B on {c.get('lines', 0)} lines, "
                          f"{c.get('cause', '?')}")
                for u in p.get("unattributed", [])[:3]:
                    print(f"    no site: {u['value']} B at {u['file']}:{u['line']} ({u['function']}, "
                          f"{u.get('cause', '?')})")
                remainder = sum(int(c.get("value", 0)) for c in by_cause)
                if remainder != scanned - attributed:
                    failures.append(f"{label}: the remainder by cause sums to {remainder}, "
                                    f"not {scanned - attributed}")
                if scanned == 0 or share < THRESHOLD:
                    failures.append(f"{label}: {share:.4%} attributed (want >= {THRESHOLD:.0%})")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
