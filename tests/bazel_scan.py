#!/usr/bin/env python3
"""tests/bazel_scan.py — heapmap's Bazel rules, end to end (bazel/scan.sh).

1. std through Bazel (a fresh output base, an empty remote cache: nginx on loopback,
   bazel/remote_cache.sh): OUT/escape.txt is byte-identical to `heapmap analyze -m std` run
   in GOROOT/src.
2. Again with another output base and workspace against the same remote cache: every
   action is a remote cache hit, and the same bytes. A GOPATH tree (the corpus's
   spf13/pflag, when installed): the bytes of `heapmap analyze` there.
3. A module (packages a <- b <- c, d apart, and std): escape.txt = `heapmap analyze -m
   ./...`; a body edit in a that keeps its API reruns a's action only (its export file is
   the same bytes); an edit that changes what a's parameters leak reruns a and its
   importers b and c (their API hashes cover a's), not d nor std; the output follows each
   edit. //:report is the bytes of `heapmap report -format json`; //:dashboard is written;
   with -l and -m=2, the bytes of `analyze -m -l` and `analyze -m=2`; and from a package
   list (`heapmap list -json -deps` read back by `buildfiles -pkgs`), the same bytes; a
   type error fails the build with the error naming the tree's file, not the sandbox.

Skipped (exit 77) with a message when bazel or nginx is not installed.
Usage: tests/bazel_scan.py HEAPMAP [GOROOT]   (default GOROOT /usr/lib/go-1.19)
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCAN = os.path.join(HERE, "..", "bazel", "scan.sh")
CACHE = os.path.join(HERE, "..", "bazel", "remote_cache.sh")
failed = False


def fail(msg):
    global failed
    failed = True
    print("FAIL " + msg, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scan(heapmap, tree, pattern, out, output_base, cache_url, log, flags=()):
    """Runs bazel/scan.sh; returns (seconds, the spawns Bazel ran or fetched)."""
    env = dict(os.environ, HEAPMAP=heapmap,
               BAZEL_FLAGS=f"--execution_log_json_file={log}")
    start = time.monotonic()
    r = subprocess.run([SCAN, "-remote_cache", cache_url, "-output_base", output_base,
                        *flags, tree, pattern, out], env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if r.returncode != 0:
        print(r.stderr[-4000:])
        raise SystemExit(f"FAIL scan.sh {tree} {pattern}: exit {r.returncode}")
    return seconds, spawns(log)


def spawns(log):
    """The execution log's spawns: (mnemonic-ish name, import path or '', remote hit)."""
    out = []
    if not os.path.exists(log):
        return out
    text = open(log).read()
    dec = json.JSONDecoder()
    i = 0
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        s, i = dec.raw_decode(text, i)
        args = s.get("commandArgs", [])
        kind = args[1] if len(args) > 1 else "?"
        path = args[args.index("-p") + 1] if "-p" in args else ""
        out.append((kind, path, bool(s.get("remoteCacheHit"))))
    return out


def shutdown(base):
    """Stops the Bazel server of an output base (each holds a JVM's memory)."""
    if os.path.isdir(base):
        subprocess.run(["bazel", f"--output_base={base}", "shutdown"], capture_output=True,
                       cwd=os.path.dirname(base))


def analyze(heapmap, tree, pattern, env, flags=("-m",)):
    r = subprocess.run([heapmap, "analyze", "-q", "-cache", "off", *flags, pattern],
                       cwd=tree, env=dict(env, PWD=tree), capture_output=True)
    return r.stdout


def same(name, got_file, want):
    got = open(got_file, "rb").read()
    if got != want:
        a, b = got.decode().splitlines(), want.decode().splitlines()
        diff = [f"bazel:   {x!r}\nanalyze: {y!r}" for x, y in zip(a, b) if x != y][:3]
        fail(f"{name}: escape.txt differs from heapmap analyze ({len(a)} lines against "
             f"{len(b)})\n" + "\n".join(diff))
        return False
    print(f"ok {name}: {len(want.splitlines())} lines, the bytes of heapmap analyze", flush=True)
    return True


MODULE = {
    "go.mod": "module example.com/m\n\ngo 1.19\n",
    "a/a.go": """package a

import "strconv"

type T struct{ s string }

//go:noinline
func Format(n int) string {
	total := 0
	for i := 0; i < n; i++ {
		total += i * 3
	}
	return strconv.Itoa(total)
}

//go:noinline
func Keep(p *T) *T {
	return nil
}
""",
    "b/b.go": """package b

import "example.com/m/a"

//go:noinline
func Use(n int) string {
	t := &a.T{}
	a.Keep(t)
	return a.Format(n)
}
""",
    "c/c.go": """package c

import "example.com/m/b"

func Run() string { return b.Use(7) }
""",
    "d/d.go": """package d

import "strconv"

func Quote(s string) string { return strconv.Quote(s) }

var Sink []byte

func Grow(n int) { Sink = make([]byte, n) }
""",
}


def main():
    heapmap = os.path.abspath(sys.argv[1])
    goroot = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/go-1.19"
    bazel, nginx = shutil.which("bazel"), shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not bazel or not nginx:
        print("SKIP: bazel or nginx is not installed (scripts/install-deps.sh installs "
              "bazel-bootstrap and nginx-light)")
        sys.exit(77)
    env = dict(os.environ, GOROOT=goroot, HEAPMAP_CACHE="off")
    work = tempfile.mkdtemp(prefix="bazel_scan_")
    bases = []
    cache_dir = os.path.join(work, "cache")
    url = subprocess.run([CACHE, "start", cache_dir, str(free_port())], check=True,
                         capture_output=True, text=True).stdout.strip()
    try:
        src = os.path.join(goroot, "src")
        want = analyze(heapmap, src, "std", env)

        # 1. std, cold: an empty remote cache, a new output base.
        base1 = os.path.join(work, "base1")
        bases.append(base1)
        t1, s1 = scan(heapmap, src, "std", os.path.join(work, "out1"), base1, url,
                      os.path.join(work, "log1.json"))
        actions = [s for s in s1 if s[0] == "action"]
        print(f"std cold: {t1:.1f} s, {len(actions)} heapmap actions", flush=True)
        same("std through bazel", os.path.join(work, "out1", "escape.txt"), want)
        if any(hit for _, _, hit in s1):
            fail("std cold: remote cache hits in an empty cache")
        shutdown(base1)

        # 2. std again: another output base and workspace, the same remote cache.
        base2 = os.path.join(work, "base2")
        bases.append(base2)
        t2, s2 = scan(heapmap, src, "std", os.path.join(work, "out2"), base2, url,
                      os.path.join(work, "log2.json"))
        hits = sum(1 for s in s2 if s[2])
        print(f"std with the remote cache: {t2:.1f} s, {hits}/{len(s2)} spawns from the cache",
              flush=True)
        if not s2 or hits != len(s2):
            fail(f"std second output base: {len(s2) - hits} of {len(s2)} spawns ran "
                 f"({[s for s in s2 if not s[2]][:5]})")
        same("std from the remote cache", os.path.join(work, "out2", "escape.txt"), want)
        shutdown(base2)

        # A GOPATH tree (the corpus's, when it is installed): the same bytes.
        gopath, pattern = "/usr/share/gocode", "github.com/spf13/pflag/..."
        if os.path.isdir(os.path.join(gopath, "src", "github.com", "spf13", "pflag")):
            base_gp = os.path.join(work, "base_gopath")
            bases.append(base_gp)
            out_gp = os.path.join(work, "out_gopath")
            t, _ = scan(heapmap, gopath, pattern, out_gp, base_gp, url,
                        os.path.join(work, "log-gopath.json"))
            print(f"GOPATH {pattern}: {t:.1f} s", flush=True)
            same("GOPATH tree", os.path.join(out_gp, "escape.txt"),
                 analyze(heapmap, gopath, pattern, dict(env, GO111MODULE="off", GOPATH=gopath)))
            shutdown(base_gp)
        else:
            print(f"(no {gopath}/src/github.com/spf13/pflag: the GOPATH case not run)")

        # 3. A module: equality, then edits.
        mod = os.path.join(work, "module")
        for name, text in MODULE.items():
            os.makedirs(os.path.dirname(os.path.join(mod, name)), exist_ok=True)
            with open(os.path.join(mod, name), "w") as f:
                f.write(text)
        out3, base3 = os.path.join(work, "out3"), os.path.join(work, "base3")
        bases.append(base3)

        def rescan(tag):
            t, s = scan(heapmap, mod, "./...", out3, base3, url,
                        os.path.join(work, f"log-{tag}.json"))
            same(f"module ({tag})", os.path.join(out3, "escape.txt"),
                 analyze(heapmap, mod, "./...", env))
            ran = sorted(p for kind, p, hit in s if kind == "action" and not hit)
            print(f"module {tag}: {t:.1f} s, actions run: {ran}", flush=True)
            return ran

        rescan("cold")
        # The other modes: -l (the named packages without inlining, their imports with)
        # and -m=2 (explanations).
        for flags, want_flags in ((["-l"], ["-m", "-l"]), (["-m=2"], ["-m=2"])):
            out_mode, base_mode = os.path.join(work, "out" + flags[0]), os.path.join(work, "base" + flags[0])
            bases.append(base_mode)
            scan(heapmap, mod, "./...", out_mode, base_mode, url,
                 os.path.join(work, f"log{flags[0]}.json"), flags)
            same(f"module {' '.join(want_flags)}", os.path.join(out_mode, "escape.txt"),
                 analyze(heapmap, mod, "./...", env, want_flags))
            shutdown(base_mode)
        # A package graph from outside: `heapmap list -json -deps` read back by
        # `buildfiles -pkgs` (what a build system's own package driver would give).
        listed = subprocess.run([heapmap, "list", "-json", "-deps", "./..."], cwd=mod,
                                env=dict(env, PWD=mod), capture_output=True, check=True).stdout
        list_file, ws_pkgs = os.path.join(work, "module.json"), os.path.join(work, "ws_pkgs")
        with open(list_file, "wb") as f:
            f.write(listed)
        subprocess.run([heapmap, "buildfiles", "-o", ws_pkgs, "-pkgs", list_file], cwd=mod,
                       env=dict(env, PWD=mod), check=True)
        base_pkgs = os.path.join(work, "base_pkgs")
        bases.append(base_pkgs)
        r = subprocess.run([bazel, f"--output_base={base_pkgs}", "build", "--color=no",
                            f"--remote_cache={url}", "//:escape"], cwd=ws_pkgs,
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"-pkgs workspace: bazel build: exit {r.returncode}\n{r.stderr[-2000:]}")
        else:
            same("module from a package list (-pkgs)",
                 os.path.join(ws_pkgs, "bazel-bin", "escape.txt"),
                 analyze(heapmap, mod, "./...", env))
        shutdown(base_pkgs)

        # A type error: the build fails, and the error names the tree's file (as analyze
        # prints it), not Bazel's sandbox.
        bad = os.path.join(work, "bad")
        os.makedirs(os.path.join(bad, "p"))
        with open(os.path.join(bad, "go.mod"), "w") as f:
            f.write("module example.com/bad\n\ngo 1.19\n")
        with open(os.path.join(bad, "p", "p.go"), "w") as f:
            f.write("package p\n\nfunc F() int { return y }\n")
        base_bad = os.path.join(work, "base_bad")
        bases.append(base_bad)
        r = subprocess.run([SCAN, "-output_base", base_bad, bad, "./...",
                            os.path.join(work, "out_bad")], env=dict(os.environ, HEAPMAP=heapmap),
                           capture_output=True, text=True)
        want_error = os.path.join(bad, "p", "p.go") + ":3:23: undefined: y"
        if r.returncode == 0 or want_error not in r.stderr.splitlines():
            fail(f"a type error through Bazel: exit {r.returncode}, want the line {want_error!r}")
        else:
            print(f"ok a type error through Bazel: {want_error}", flush=True)
        shutdown(base_bad)

        # The report and dashboard rules, from the same artifacts.
        ws = os.path.join(out3, "workspace")
        r = subprocess.run([bazel, f"--output_base={base3}", "build", "--color=no",
                            f"--remote_cache={url}", "//:report", "//:dashboard"],
                           cwd=ws, capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"bazel build //:report //:dashboard: exit {r.returncode}\n{r.stderr[-3000:]}")
        else:
            bin_dir = os.path.join(ws, "bazel-bin")
            want_report = subprocess.run(
                [heapmap, "report", "-cache", "off", "-format", "json", "-n", "0", "./..."],
                cwd=mod, env=dict(env, PWD=mod), capture_output=True).stdout
            got_report = open(os.path.join(bin_dir, "report.json"), "rb").read()
            if got_report != want_report or b'"sites"' not in got_report:
                fail("//:report differs from heapmap report -format json ./...")
            else:
                print("ok //:report: the bytes of heapmap report -format json", flush=True)
            for f in ("index.html", "data/summary.js"):
                if not os.path.exists(os.path.join(bin_dir, "dashboard", f)):
                    fail(f"//:dashboard has no {f}")
        a_go = os.path.join(mod, "a", "a.go")
        text = open(a_go).read()
        # A body edit that keeps the API (summaries, inlining, lines): only a reruns.
        open(a_go, "w").write(text.replace("total += i * 3", "total += i * 5"))
        ran = rescan("body-edit")
        if ran != ["example.com/m/a"]:
            fail(f"body edit: want only example.com/m/a's action to run, got {ran}")
        # Keep now leaks its parameter: a's API hash changes, and with it those of its
        # importers b and c (an API hash covers the imports'), which rerun; d and std
        # do not import a and do not.
        text = open(a_go).read()
        open(a_go, "w").write(text.replace("func Keep(p *T) *T {\n\treturn nil",
                                           "func Keep(p *T) *T {\n\treturn p"))
        ran = rescan("api-edit")
        if ran != ["example.com/m/a", "example.com/m/b", "example.com/m/c"]:
            fail(f"API edit: want the actions of a, b and c to run, got {ran}")
    finally:
        subprocess.run([CACHE, "stop", cache_dir], capture_output=True)
        for b in bases:
            shutdown(b)
        subprocess.run(["chmod", "-R", "u+w", work], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
