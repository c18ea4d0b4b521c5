#!/usr/bin/env python3
"""tests/action_std.py — the per-package action over std: every package of std analyzed
alone, in import order, by `heapmap action` from its files and the artifacts of its imports
(direct and indirect), then `heapmap print` of all the artifacts must give the bytes of
`heapmap analyze -m std` (once with -m, once with -m -l). Also: each artifact is the same
bytes when its action runs again on one thread.

Usage: tests/action_std.py HEAPMAP [GOROOT]   (default GOROOT /usr/lib/go-1.19)
"""
import json
import os
import subprocess
import sys
import tempfile


def packages(heapmap, env):
    out = subprocess.run([heapmap, "list", "-json", "std"], env=env, check=True,
                         capture_output=True).stdout.decode()
    dec = json.JSONDecoder()
    pkgs, i = {}, 0
    while i < len(out):
        while i < len(out) and out[i].isspace():
            i += 1
        if i >= len(out):
            break
        p, i = dec.raw_decode(out, i)
        pkgs[p["ImportPath"]] = p
    return pkgs


def import_order(pkgs):
    order, done = [], set()

    def visit(path):
        if path in done or path not in pkgs:
            return
        done.add(path)
        for imp in pkgs[path].get("Imports", []):
            visit(imp)
        order.append(path)

    for path in sorted(pkgs):
        visit(path)
    return order


def main():
    heapmap = os.path.abspath(sys.argv[1])
    goroot = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/go-1.19"
    env = dict(os.environ, GOROOT=goroot, HEAPMAP_CACHE="off")
    pkgs = packages(heapmap, env)
    order = import_order(pkgs)
    deps = {}
    for path in order:
        d = set()
        for imp in pkgs[path].get("Imports", []):
            if imp in pkgs and imp != "unsafe":
                d.add(imp)
                d |= deps[imp]
        deps[path] = d
    cwd = os.path.join(goroot, "src")
    failed = False
    with tempfile.TemporaryDirectory() as work:
        for flags in (["-m"], ["-m", "-l"]):
            tag = "".join(flags)
            want = subprocess.run([heapmap, "analyze", "-q", *flags, "std"], cwd=cwd, env=env,
                                  capture_output=True).stdout
            artifact = {}
            for path in order:
                p = pkgs[path]
                if path == "unsafe" or not p.get("GoFiles"):
                    continue
                artifact[path] = os.path.join(work, tag, path.replace("/", "_") + ".a")
                os.makedirs(os.path.dirname(artifact[path]), exist_ok=True)
                cmd = [heapmap, "action", *flags, "-p", path, "-o", artifact[path]]
                for d in sorted(deps[path]):
                    if d in artifact:
                        cmd += ["-I", artifact[d]]
                cmd += [os.path.join(p["Dir"], f) for f in p["GoFiles"]]
                r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
                if r.returncode != 0:
                    print(f"FAIL {tag} action {path}: exit {r.returncode}\n{r.stderr.decode()}")
                    failed = True
                    break
            got = subprocess.run([heapmap, "print", *[artifact[p] for p in order if p in artifact]],
                                 cwd=cwd, env=env, capture_output=True).stdout
            if got != want:
                failed = True
                a, b = got.decode().splitlines(), want.decode().splitlines()
                diff = [f"action: {x!r}\nanalyze: {y!r}" for x, y in zip(a, b) if x != y][:3]
                print(f"FAIL {tag}: print of the artifacts differs from analyze std "
                      f"({len(a)} lines against {len(b)})\n" + "\n".join(diff))
            else:
                print(f"ok {tag}: {len(artifact)} actions, {len(want.splitlines())} lines, "
                      "same bytes as analyze std")
            # Determinism: net/http again, on one thread, gives the same bytes.
            path = "net/http"
            again = artifact[path] + ".again"
            cmd = [heapmap, "action", "-j", "1", *flags, "-p", path, "-o", again]
            cmd += [x for d in sorted(deps[path]) if d in artifact for x in ("-I", artifact[d])]
            cmd += [os.path.join(pkgs[path]["Dir"], f) for f in pkgs[path]["GoFiles"]]
            subprocess.run(cmd, cwd=cwd, env=env, check=True)
            with open(artifact[path], "rb") as f1, open(again, "rb") as f2:
                if f1.read() != f2.read():
                    print(f"FAIL {tag}: {path}'s artifact differs on one thread")
                    failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
