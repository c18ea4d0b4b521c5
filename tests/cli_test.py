#!/usr/bin/env python3
"""tests/cli_test.py: the heapmap binary end to end — help, bad input, determinism.

Usage: cli_test.py HEAPMAP [--goroot DIR]
Each bad input must give a clear message and a non-zero exit, and every other package
must still be processed. Output must be byte-identical whatever the thread count.
"""
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HEAPMAP = None


def heap_profile(samples):
    """A heap profile as runtime/pprof writes it (profile.proto, not yet gzipped): the four
    sample types, and per (function, file, line, bytes) one sample of one object."""
    def varint(n):
        out = b""
        while True:
            b, n = n & 0x7F, n >> 7
            out += bytes([b | (0x80 if n else 0)])
            if not n:
                return out

    def field(num, value):  # varint or length-delimited
        if isinstance(value, bytes):
            return varint(num << 3 | 2) + varint(len(value)) + value
        return varint(num << 3) + varint(value)

    strings = [""]

    def s(x):
        if x not in strings:
            strings.append(x)
        return strings.index(x)

    out = b""
    for t, u in (("alloc_objects", "count"), ("alloc_space", "bytes"),
                 ("inuse_objects", "count"), ("inuse_space", "bytes")):
        out += field(1, field(1, s(t)) + field(2, s(u)))
    for i, (fn, file, line, size) in enumerate(samples, start=1):
        out += field(2, field(1, i) + field(2, 1) + field(2, size) + field(2, 0) + field(2, 0))
        out += field(4, field(1, i) + field(4, field(1, i) + field(2, line)))
        out += field(5, field(1, i) + field(2, s(fn)) + field(4, s(file)))
    for x in strings:
        out += field(6, x.encode())
    return out
GOROOT = None


def run(*args, cwd=None, env=None):
    full_env = dict(os.environ)
    full_env.pop("GOPATH", None)
    full_env["GOROOT"] = GOROOT
    full_env["GO111MODULE"] = ""
    full_env["HEAPMAP_CACHE"] = "off"  # runs compared with each other compute both
    if env:
        full_env.update(env)
    return subprocess.run([HEAPMAP] + list(args), capture_output=True, cwd=cwd, env=full_env)


class HelpTest(unittest.TestCase):
    def test_help_lists_commands(self):
        p = run("--help")
        self.assertEqual(p.returncode, 0)
        for word in (b"list", b"parse", b"help", b"version"):
            self.assertIn(word, p.stdout)

    def test_command_help_lists_its_flags(self):
        p = run("help", "list")
        self.assertEqual(p.returncode, 0)
        self.assertIn(b"-json", p.stdout)
        self.assertEqual(run("list", "--help").stdout, p.stdout)

    def test_unknown_command_and_flag(self):
        p = run("frobnicate")
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"unknown command", p.stderr)
        p = run("list", "-nosuchflag")
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"unknown flag -nosuchflag", p.stderr)


class BadInputTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="heapmap_cli_test_")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, rel, data):
        path = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path

    def test_missing_goroot(self):
        p = run("list", "--goroot", os.path.join(self.dir, "nowhere"), "std")
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"--goroot", p.stderr)
        self.assertIn(b"golang-1.19-src", p.stderr)
        self.assertEqual(p.stderr.count(b"\n"), 1, p.stderr)
        self.assertEqual(p.stdout, b"")

    def test_pattern_that_matches_nothing(self):
        p = run("list", "fmt", "nosuch/thing/...", "strings")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(b"nosuch/thing/...", p.stderr)
        self.assertEqual(p.stdout, b"fmt\nstrings\n")

    def test_unknown_import_path(self):
        p = run("list", "fmt", "nosuch/pkg")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(b"nosuch/pkg", p.stderr)
        self.assertIn(b"fmt\n", p.stdout)

    def test_unreadable_and_garbage_files(self):
        ok = self.write("ok.go", "package p\n\nfunc F() {}\n")
        garbage = self.write("garbage.go", bytes(range(256)) * 4)
        missing = os.path.join(self.dir, "missing.go")
        p = run("parse", ok, garbage, missing)
        self.assertEqual(p.returncode, 1)
        out = p.stdout.decode()
        self.assertIn(garbage + ":1:", out)
        self.assertIn("open " + missing + ":", out)
        self.assertNotIn(ok, out)

    def test_garbage_file_in_a_package(self):
        self.write("go.mod", "module example.com/m\n\ngo 1.19\n")
        self.write("good/good.go", "package good\n\nfunc {\n")  # a syntax error of its own
        # Garbage past the header: the loader keeps the file, the parser reports it.
        self.write("bad/bad.go", b"package bad\n\nfunc F() {\n\x00\x01\x02\xff {{{\n")
        # Garbage in the header: the loader rejects the package, as the go command does.
        self.write("worse/worse.go", b"package worse\n\x00\x01\x02 func {{{\n")
        p = run("parse", "./...", cwd=self.dir)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"bad.go:4:1:", p.stdout)
        self.assertIn(b"good.go:3:", p.stdout)
        self.assertIn(b"worse.go", p.stderr)

    def test_broken_go_mod(self):
        self.write("go.mod", "module example.com/m\n\ngo 1.19\nrequire (\n  this is not valid\n")
        self.write("a/a.go", "package a\n")
        p = run("list", "./...", cwd=self.dir)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(b"go.mod:", p.stderr)
        # Packages that do not need the module are still listed.
        p = run("list", "fmt", cwd=self.dir)
        self.assertIn(b"fmt\n", p.stdout)

    def test_missing_module(self):
        gomodcache = os.path.join(self.dir, "modcache")
        os.makedirs(gomodcache)
        self.write("go.mod", "module example.com/m\n\ngo 1.19\n\nrequire example.com/absent v1.2.3\n")
        self.write("uses/uses.go", 'package uses\n\nimport _ "example.com/absent/x"\n')
        self.write("plain/plain.go", "package plain\n")
        p = run("list", "-json", "./...", cwd=self.dir, env={"GOMODCACHE": gomodcache})
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(b'"ImportPath": "example.com/m/plain"', p.stdout)
        self.assertIn(b"example.com/absent", p.stdout + p.stderr)


class DeterminismTest(unittest.TestCase):
    def test_list_json_std_same_bytes_any_thread_count(self):
        one = run("list", "-json", "-j", "1", "std")
        two = run("list", "-json", "-j", "2", "std")
        self.assertEqual(one.returncode, 0, one.stderr)
        self.assertGreater(len(one.stdout), 100000)
        self.assertEqual(one.stdout, two.stdout)

    def test_analyze_std_same_bytes_any_thread_count(self):
        one = run("analyze", "-q", "-m", "-l", "-j", "1", "std")
        two = run("analyze", "-q", "-m", "-l", "-j", "2", "std")
        self.assertEqual(one.returncode, 0, one.stderr)
        self.assertEqual(two.returncode, 0, two.stderr)
        self.assertEqual(one.stdout, two.stdout)

    def test_analyze_inlined_std_same_bytes_any_thread_count(self):
        one = run("analyze", "-q", "-m", "-j", "1", "std")
        two = run("analyze", "-q", "-m", "-j", "2", "std")
        self.assertEqual(one.returncode, 0, one.stderr)
        self.assertIn(b"inlining call to", one.stdout)
        self.assertEqual(one.stdout, two.stdout)

    def test_analyze_explained_std_same_bytes_any_thread_count(self):
        # -m=2: the inliner's bodies and the escape explanations, printed while solving.
        one = run("analyze", "-q", "-m=2", "-j", "1", "std")
        two = run("analyze", "-q", "-m=2", "-j", "2", "std")
        self.assertEqual(one.returncode, 0, one.stderr)
        self.assertIn(b"   flow: {heap} = ", one.stdout)
        self.assertIn(b" as: func(", one.stdout)
        self.assertEqual(one.stdout, two.stdout)

    def test_inline_std_same_bytes_any_thread_count(self):
        one = run("inline", "-q", "-m=2", "-j", "1", "std")
        two = run("inline", "-q", "-m=2", "-j", "2", "std")
        self.assertEqual(one.returncode, 0, one.stderr)
        self.assertGreater(len(one.stdout), 1000000)
        self.assertEqual(one.stdout, two.stdout)

    def test_parse_std_same_bytes_any_thread_count(self):
        one = run("parse", "-q", "-j", "1", "std", "cmd")
        two = run("parse", "-q", "-j", "2", "std", "cmd")
        self.assertEqual(one.returncode, two.returncode)
        self.assertEqual(one.stdout, two.stdout)



class ModuleTreeTest(unittest.TestCase):
    """A temporary module tree (module example.com/m) to write packages into."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="heapmap_cli_test_")
        self.write("go.mod", "module example.com/m\n\ngo 1.19\n")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, rel, data):
        path = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(data)
        return path


class AnalyzeBadInputTest(ModuleTreeTest):
    """`heapmap analyze -m -l`: packages with syntax or type errors are reported and
    skipped with everything that imports them; every other package is analyzed and
    printed; the exit status is 1."""


    def test_errors_skip_the_package_and_its_importers_only(self):
        self.write("bad/bad.go", 'package bad\n\nvar X int = "s"\n\nfunc F(p *int) *int { return p }\n')
        self.write("syn/syn.go", "package syn\n\nfunc G( {\n")
        self.write("user/user.go", 'package user\n\nimport "example.com/m/bad"\n\n'
                   "func U(q *int) *int { return bad.F(q) }\n")
        self.write("fine/fine.go", "package fine\n\nvar sink *int\n\nfunc Leak(p *int) { sink = p }\n")
        p = run("analyze", "-q", "-m", "-l", "./...", cwd=self.dir)
        out, err = p.stdout.decode(), p.stderr.decode()
        self.assertEqual(p.returncode, 1, out + err)
        self.assertIn('bad.go:3:13: cannot use "s" (untyped string constant) as int value', err)
        self.assertIn("syn.go:3:9: syntax error", err)
        self.assertIn("example.com/m/user", err)  # named as skipped because of bad
        self.assertNotIn("user.go", out)
        self.assertIn("# example.com/m/fine\n", out)
        self.assertIn("fine.go:5:11: leaking param: p\n", out)

    def test_garbage_file(self):
        self.write("g/g.go", "\x00\x01package \xff")
        self.write("fine/fine.go", "package fine\n\nfunc Keep(p *int) int { return *p }\n")
        p = run("analyze", "-q", "-m", "-l", "./...", cwd=self.dir)
        out, err = p.stdout.decode(), p.stderr.decode()
        self.assertEqual(p.returncode, 1, out + err)
        self.assertIn("g.go", err)
        self.assertIn("fine.go:3:11: p does not escape\n", out)


class ReportTest(ModuleTreeTest):
    """`heapmap report`: every heap allocation of the named packages, classified and
    ranked, with IDs that survive edits elsewhere; the same from a warm cache."""

    SRC = ("package r\n\nimport \"fmt\"\n\nvar sink interface{}\n\n"
           "func Loop(n int) []int {\n\tvar s []int\n\tfor i := 0; i < n; i++ {\n"
           "\t\ts = append(s, i)\n\t\tsink = i\n\t}\n\treturn s\n}\n\n"
           "func Ptr() *int {\n\tx := 1\n\treturn &x\n}\n\n"
           "func Chan() chan int { return make(chan int) }\n\n"
           "func Other() { fmt.Println(\"x\") }\n")

    def report(self, *flags, cache="off"):
        p = run("report", "-format", "json", *flags, "./...", cwd=self.dir,
                env={"HEAPMAP_CACHE": cache})
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        return json.loads(p.stdout.decode()).get("sites", [])

    def test_sites_causes_and_ranking(self):
        self.write("r/r.go", self.SRC)
        sites = self.report("-l")
        by_text = {s["text"]: s for s in sites}
        self.assertEqual(by_text["i"]["cause"], "CAUSE_INTERFACE")
        self.assertEqual(by_text["i"]["loop_depth"], 2)
        self.assertEqual(by_text["i"]["static_weight"], 8)
        self.assertEqual(by_text["append(s, i)"]["cause"], "CAUSE_APPEND")
        self.assertNotIn("message", by_text["append(s, i)"])  # gc prints nothing for it
        self.assertEqual(by_text["x"]["message"], "moved to heap: x")
        self.assertEqual(by_text["make(chan int)"]["cause"], "CAUSE_MAKE_CHAN")
        # Ranked: the two sites in the loop first.
        self.assertEqual({sites[0]["text"], sites[1]["text"]}, {"i", "append(s, i)"})
        table = run("report", "-l", "-n", "1", "./...", cwd=self.dir).stdout.decode()
        self.assertIn("(top 1 shown)", table)
        self.assertIn("append", table)

    def test_what_holds_each_allocation(self):
        # One function per escape root (the solver's walk: what the address reached).
        self.write("c/c.go", "package c\n\nvar g *int\n\ntype I interface{ M(*int) }\n\n"
                   "type H struct{ p *int }\n\n"
                   "func Returned() *int { x := 1; return &x }\n\n"
                   "func Global() { y := 2; g = &y }\n\n"
                   "func Object() *H { var s H; z := 3; s.p = &z; return &s }\n\n"
                   "func Keep(p *int) { g = p }\n\n"
                   "func Callee() { w := 4; Keep(&w) }\n\n"
                   "func Unknown(i I) { u := 5; i.M(&u) }\n\n"
                   "func Outlives() {\n\tvar q *int\n\tfor i := 0; i < 3; i++ {\n"
                   "\t\tv := i\n\t\tq = &v\n\t}\n\t_ = q\n}\n")
        sites = {(s["function"], s["text"]): s for s in self.report("-l")}
        want = {
            ("Returned", "x"): ("CAUSE_RETURNED", "returned by Returned"),
            ("Global", "y"): ("CAUSE_HEAP_STORE", "stored in a global"),
            ("Object", "z"): ("CAUSE_HEAP_OBJECT", "stored into s, which is on the heap"),
            ("Object", "s"): ("CAUSE_RETURNED", "returned by Object"),
            ("Callee", "w"): ("CAUSE_CALLEE", "passed to example.com/m/c.Keep"),
            ("Unknown", "u"): ("CAUSE_UNKNOWN_CALLEE", "interface method or a function value"),
            ("Outlives", "v"): ("CAUSE_OUTLIVES", "stored in q, which outlives it"),
        }
        for key, (cause, detail) in want.items():
            self.assertIn(key, sites, sorted(sites))
            self.assertEqual(sites[key]["cause"], cause, key)
            self.assertIn(detail, sites[key]["detail"], key)

    def test_explain(self):
        self.write("c/c.go", "package c\n\nvar g *int\n\nfunc Keep(p *int) { g = p }\n\n"
                   "func Callee() { w := 4; Keep(&w) }\n")
        p = run("explain", "-l", "c/c.go:7:17", cwd=self.dir)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        out = p.stdout.decode()
        self.assertIn("c/c.go:7:17: moved to heap: w [example.com/m/c.Callee]", out)
        self.assertIn("cause: leaking-callee: passed to example.com/m/c.Keep", out)
        self.assertIn("gc: c/c.go:7:17:     from Keep(&w) (call parameter) at c/c.go:7:29", out)
        # The path goes on into Keep: its parameter, gc's lines there, and the last step
        # in the package is the one to change.
        self.assertIn("2. c/c.go:5:11 [example.com/m/c] parameter p of example.com/m/c.Keep "
                      "leaks: stored in a global", out)
        self.assertIn("gc: c/c.go:5:11: parameter p leaks to {heap} with derefs=0:", out)
        self.assertIn("stays on the stack if step 2 changes", out)
        ids = {s["text"]: s["id"] for s in self.report("-l")}
        self.assertIn("id " + ids["w"], out)
        # Nothing there; a malformed position.
        p = run("explain", "-l", "c/c.go:3", cwd=self.dir)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no heap allocation at c/c.go:3", p.stderr.decode())
        self.assertEqual(run("explain", "c/c.go", cwd=self.dir).returncode, 2)

    def test_explain_across_packages(self):
        # An allocation kept by another package's function, through two of its parameters.
        self.write("k/k.go", "package k\n\nvar g []*int\n\nfunc store(p *int) { g = append(g, p) }\n\n"
                   "func Keep(q *int) { store(q) }\n")
        self.write("u/u.go", "package u\n\nimport \"example.com/m/k\"\n\n"
                   "func Use() {\n\tx := 1\n\tk.Keep(&x)\n}\n")
        p = run("explain", "-l", "u/u.go:6", cwd=self.dir, env={"HEAPMAP_CACHE": "off"})
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        out = p.stdout.decode()
        self.assertIn("1. u/u.go:6:2 [example.com/m/u] moved to heap: x in example.com/m/u.Use: "
                      "passed to example.com/m/k.Keep, whose parameter leaks", out)
        self.assertIn("2. k/k.go:7:11 [example.com/m/k] parameter q of example.com/m/k.Keep leaks: "
                      "passed to example.com/m/k.store's parameter p (k/k.go:5:12)", out)
        self.assertIn("3. k/k.go:5:12 [example.com/m/k] parameter p of example.com/m/k.store "
                      "leaks: stored in a global", out)
        self.assertIn("gc: k/k.go:5:12: parameter p leaks to {heap} with derefs=0:", out)
        self.assertIn("stays on the stack if step 1 changes (the last in example.com/m/u; "
                      "steps 2-3 are in other packages)", out)

    def test_ids_survive_edits_elsewhere(self):
        self.write("r/r.go", self.SRC)
        before = {(s["function"], s["text"]): s["id"] for s in self.report()}
        # Ten lines at the top, an unrelated function renamed.
        edited = self.SRC.replace("package r\n", "package r\n" + "// comment\n" * 10)
        self.write("r/r.go", edited.replace("func Other()", "func Renamed()"))
        after = {(s["function"], s["text"]): s["id"] for s in self.report()}
        self.assertEqual({k: v for k, v in before.items() if k[0] != "Other"},
                         {k: v for k, v in after.items() if k[0] != "Renamed"})
        self.assertGreater(len(before), 4)

    def test_sarif(self):
        self.write("r/r.go", self.SRC)
        sites = self.report("-l")
        p = run("report", "-l", "-format", "sarif", "./...", cwd=self.dir)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        sarif = json.loads(p.stdout.decode())  # valid JSON (tests/report_sarif.sh validates)
        self.assertEqual(sarif["version"], "2.1.0")
        run0 = sarif["runs"][0]
        rules = [r["id"] for r in run0["tool"]["driver"]["rules"]]
        results = run0["results"]
        self.assertEqual([r["partialFingerprints"]["heapmapSiteId/v1"] for r in results],
                         [s["id"] for s in sites])
        for r, s in zip(results, sites):
            self.assertEqual(rules[r["ruleIndex"]], r["ruleId"])
            loc = r["locations"][0]["physicalLocation"]
            self.assertEqual(loc["artifactLocation"], {"uri": "r/r.go", "uriBaseId": "%SRCROOT%"})
            self.assertEqual(loc["region"]["startLine"], s["line"])
        self.assertTrue(run0["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///"))

    def test_allocations_gc_prints_nothing_for(self):
        # Map inserts, go statements and their wrapper closures, defers in loops.
        self.write("g/g.go", "package g\n\nfunc work(n int) {}\n\n"
                   "func Spawn(m map[string]int, n int) {\n\tm[\"k\"] = n\n\tm[\"j\"] += n\n"
                   "\tgo work(n)\n\tfor i := 0; i < n; i++ {\n\t\tdefer work(i)\n\t}\n}\n")
        sites = self.report("-l")
        got = sorted((s["line"], s["cause"], s["text"]) for s in sites)
        self.assertEqual(got, [(6, "CAUSE_MAP_GROWTH", 'm["k"]'),
                               (7, "CAUSE_MAP_GROWTH", 'm["j"]'),
                               (8, "CAUSE_GOROUTINE", "work(n)"),
                               (8, "CAUSE_GO_DEFER", "func literal"),
                               (10, "CAUSE_GO_DEFER", "func literal")])
        self.assertTrue(all("message" not in s for s in sites))  # gc prints no -m line
        table = run("report", "-l", "./...", cwd=self.dir).stdout.decode()
        self.assertIn("func literal escapes to heap (a go/defer wrapper: gc prints no -m line)", table)
        self.assertIn('m["k"] (always on the heap)', table)

    def test_reflect_allocations(self):
        p = run("report", "-format", "json", "-cache", "off", "reflect", cwd=self.dir)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        sites = json.loads(p.stdout.decode())["sites"]
        news = [s for s in sites if s["function"] == "New" and s["cause"] == "CAUSE_REFLECT"]
        self.assertEqual([s["text"] for s in news], ["unsafe_New(t)"])

    def test_logopt(self):
        self.write("r/r.go", self.SRC)
        out = os.path.join(self.dir, "lo")
        p = run("report", "-l", "-format", "logopt", "-o", out, "./...", cwd=self.dir,
                env={"HEAPMAP_CACHE": "off"})
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual(os.listdir(out), ["example.com%2Fm%2Fr"])
        self.assertEqual(os.listdir(os.path.join(out, "example.com%2Fm%2Fr")), ["r.json"])
        with open(os.path.join(out, "example.com%2Fm%2Fr", "r.json")) as f:
            lines = [json.loads(l) for l in f.read().splitlines()]
        self.assertEqual(lines[0]["version"], 0)
        self.assertEqual(lines[0]["package"], "example.com/m/r")
        self.assertEqual(lines[0]["file"], os.path.join(os.path.realpath(self.dir), "r/r.go"))
        diags = {(d["range"]["start"]["line"], d["code"], d["message"]) for d in lines[1:]}
        self.assertIn((17, "escape", "moved to heap: x"), diags)
        self.assertIn((10, "heap", "append(s, i) (always on the heap)"), diags)
        self.assertEqual([(d["range"]["start"]["line"], d["range"]["start"]["character"])
                          for d in lines[1:]],
                         sorted((d["range"]["start"]["line"], d["range"]["start"]["character"])
                                for d in lines[1:]))
        p = run("report", "-format", "logopt", "./...", cwd=self.dir)
        self.assertEqual(p.returncode, 2)
        self.assertIn("needs -o DIR", p.stderr.decode())

    def test_profile(self):
        self.write("r/r.go", self.SRC)
        path = os.path.join(os.path.realpath(self.dir), "r/r.go")
        prof = os.path.join(self.dir, "mem.prof")
        # 4 KB appended in Loop's loop (line 10), 16 B at a line with no site (line 9).
        with open(prof, "wb") as f:
            f.write(gzip.compress(heap_profile([("example.com/m/r.Loop", path, 10, 4096),
                                                ("example.com/m/r.Loop", path, 9, 16)])))
        p = run("report", "-l", "-profile", prof, "-format", "json", "./...", cwd=self.dir,
                env={"HEAPMAP_CACHE": "off"})
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        report = json.loads(p.stdout.decode())
        self.assertEqual(report["sites"][0]["text"], "append(s, i)")
        self.assertEqual(report["sites"][0]["measured"], "4096")
        self.assertEqual(report["profile"]["scanned"], "4112")
        self.assertEqual(report["profile"]["attributed"], "4096")
        self.assertEqual(report["profile"]["unattributed"][0]["line"], "9")
        table = run("report", "-l", "-profile", prof, "-sample_index", "alloc_objects", "./...",
                    cwd=self.dir).stdout.decode()
        self.assertIn("profile (alloc_objects, count): 2 sampled, 2 in scanned code, 1 of that "
                      "attributed to sites (50.00%)", table)
        # A missing file, a file that is not a profile, an unknown sample type.
        for args, err in ((["-profile", "nope.prof"], "open nope.prof"),
                          (["-profile", os.path.join(self.dir, "r/r.go")], "not a pprof profile"),
                          (["-profile", prof, "-sample_index", "cpu"], "no sample type \"cpu\"")):
            p = run("report", *args, "./...", cwd=self.dir)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(err, p.stderr.decode())

    def test_inlined_sites_where_written(self):
        # NewT is inlined into Use (inlining on): gc reports &T{} at the call; SARIF puts the
        # result where &T{} is written, the call as a related location; logopt has gc's
        # inlineLoc first.
        self.write("i/i.go", "package i\n\ntype T struct{ n int }\n\n"
                   "func NewT(n int) *T { return &T{n} }\n\nvar keep *T\n\n"
                   "func Use() {\n\tkeep = NewT(1)\n}\n")
        sites = [s for s in self.report() if s["function"] == "Use"]
        self.assertEqual(len(sites), 1, sites)
        self.assertEqual((sites[0]["line"], sites[0]["column"]), (10, 13))
        self.assertEqual(sites[0]["written_at"], {"file": "i/i.go", "line": 5, "column": 30})
        p = run("report", "-format", "sarif", "./...", cwd=self.dir, env={"HEAPMAP_CACHE": "off"})
        results = [r for r in json.loads(p.stdout.decode())["runs"][0]["results"]
                   if r["properties"]["function"] == "Use"]
        loc = results[0]["locations"][0]["physicalLocation"]["region"]
        self.assertEqual((loc["startLine"], loc["startColumn"]), (5, 30))
        related = results[0]["relatedLocations"]
        self.assertEqual(related[-1]["physicalLocation"]["region"]["startLine"], 10)
        self.assertIn("inlined here, into example.com/m/i.Use", related[-1]["message"]["text"])
        out = os.path.join(self.dir, "lo")
        run("report", "-format", "logopt", "-o", out, "./...", cwd=self.dir,
            env={"HEAPMAP_CACHE": "off"})
        with open(os.path.join(out, "example.com%2Fm%2Fi", "i.json")) as f:
            diags = [json.loads(l) for l in f.read().splitlines()[1:]]
        use = [d for d in diags if d["range"]["start"]["line"] == 10][0]
        self.assertEqual(use["relatedInformation"][0]["message"], "inlineLoc")
        self.assertEqual(use["relatedInformation"][0]["location"]["range"]["start"],
                         {"line": 5, "character": 30})

    def test_warm_cache_gives_the_same_report(self):
        self.write("r/r.go", self.SRC)
        cache = os.path.join(self.dir, "cache")
        cold = self.report(cache=cache)
        p = run("report", "-format", "json", "./...", cwd=self.dir, env={"HEAPMAP_CACHE": cache})
        self.assertIn("1 named reused", p.stderr.decode())
        self.assertEqual(json.loads(p.stdout.decode())["sites"], cold)
        self.assertEqual(self.report(), cold)


class ActionTest(ModuleTreeTest):
    """`heapmap action`: one package from its files and its imports' artifacts;
    `heapmap print` of the artifacts gives the bytes of `analyze`."""

    def setUp(self):
        super().setUp()
        # e: inlinable, devirtualizing; g: generic (its artifact keeps its source);
        # f imports both; h imports f only (e and g are indirect imports).
        self.write("e/e.go", "package e\n\ntype I interface{ M() int }\n\n"
                   "type T struct{ x int }\n\nfunc (t *T) M() int { return t.x }\n\n"
                   "func New(x int) I { return &T{x} }\n\nvar sink *int\n\n"
                   "func Leak(p *int) { sink = p }\n")
        self.write("g/g.go", "package g\n\nfunc Map[T any](s []T, f func(T) T) []T {\n"
                   "\tfor i := range s {\n\t\ts[i] = f(s[i])\n\t}\n\treturn s\n}\n")
        self.write("f/f.go", 'package f\n\nimport (\n\t"example.com/m/e"\n\t"example.com/m/g"\n)\n\n'
                   "func F(x int) int { e.Leak(&x); return e.New(x).M() }\n\n"
                   "func H(s []int) []int { return g.Map(s, func(v int) int { return v + 1 }) }\n")
        self.write("h/h.go", 'package h\n\nimport "example.com/m/f"\n\n'
                   "func K() int { return f.F(1) + len(f.H(nil)) }\n")

    def action(self, pkg, *imports, flags=("-m",), out=None):
        out = out or os.path.join(self.dir, pkg + ".a")
        args = ["action", *flags, "-p", "example.com/m/" + pkg, "-o", out]
        for i in imports:
            args += ["-I", os.path.join(self.dir, i + ".a")]
        args.append(os.path.join(pkg, pkg + ".go"))
        return run(*args, cwd=self.dir)

    def test_print_of_the_artifacts_is_analyze(self):
        for flags in (("-m",), ("-m", "-l"), ("-m=2",)):
            for pkg, imports in (("e", ()), ("g", ()), ("f", ("e", "g")), ("h", ("e", "f", "g"))):
                p = self.action(pkg, *imports, flags=flags)
                self.assertEqual(p.returncode, 0, p.stderr.decode())
            printed = run("print", *[os.path.join(self.dir, x + ".a") for x in "egfh"],
                          cwd=self.dir).stdout.decode()
            want = run("analyze", *flags, "-q", "./...", cwd=self.dir).stdout.decode()
            self.assertEqual(printed, want, flags)
            if "-l" not in flags:  # inlined across packages, and stenciled
                self.assertIn("devirtualizing", want)
                self.assertIn("g.Map[go.shape.int_0]", want)
        # Deterministic: the same inputs, the same bytes, on any thread count.
        with open(os.path.join(self.dir, "h.a"), "rb") as f:
            first = f.read()
        again = os.path.join(self.dir, "again.a")
        p = self.action("h", "e", "f", "g", flags=("-m=2", "-j", "1"), out=again)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        with open(again, "rb") as f:
            self.assertEqual(f.read(), first)

    def test_missing_and_bad_artifacts_are_errors(self):
        self.assertEqual(self.action("e").returncode, 0)
        self.assertEqual(self.action("g").returncode, 0)
        p = self.action("f", "e")
        self.assertEqual(p.returncode, 1)
        self.assertIn('f/f.go:5:2: no artifact given (-I) for import "example.com/m/g"',
                      p.stderr.decode())
        self.assertEqual(self.action("f", "e", "g").returncode, 0)
        p = self.action("h", "f")  # f's imports are not given
        self.assertEqual(p.returncode, 1)
        self.assertIn("whose artifact is not given", p.stderr.decode())
        path = os.path.join(self.dir, "e.a")
        with open(path, "rb") as f:
            data = bytearray(f.read())
        data[-3] ^= 0x20
        with open(path, "wb") as f:
            f.write(bytes(data))
        p = self.action("f", "e", "g")
        self.assertEqual(p.returncode, 1)
        self.assertIn("checksum mismatch", p.stderr.decode())
        p = run("print", path, cwd=self.dir)
        self.assertEqual(p.returncode, 1)
        self.assertIn("checksum mismatch", p.stderr.decode())
        p = run("action", "-m", "f/f.go", cwd=self.dir)
        self.assertEqual(p.returncode, 2)
        self.assertIn("needs -m, -p importpath, -o FILE", p.stderr.decode())


class PackageCacheTest(ModuleTreeTest):
    """`heapmap analyze`'s package cache: a rescan prints unchanged packages from their
    artifacts, recomputes an edited package with its importers, and its output is always
    byte-identical to a scan without the cache; bad entries and unwritable caches cost
    only recomputation, reported once."""

    def setUp(self):
        super().setUp()
        # c <- b <- a (a imports b imports c); d alone.
        self.write("c/c.go", "package c\n\nvar sink *int\n\nfunc Leak(p *int) { sink = p }\n\n"
                   "func Keep(p *int) int { return *p }\n")
        self.write("b/b.go", 'package b\n\nimport "example.com/m/c"\n\n'
                   "func B(p *int) { c.Leak(p) }\n\nfunc K(p *int) int { return c.Keep(p) }\n")
        self.write("a/a.go", 'package a\n\nimport "example.com/m/b"\n\n'
                   "func A(x int) { b.B(&x) }\n\nfunc N(x int) int { return b.K(&x) }\n")
        self.write("d/d.go", "package d\n\nfunc D() *int { v := 1; return &v }\n")
        self.cache = os.path.join(self.dir, "cache")

    def scan(self, *flags, cache=None, args=("./...",)):
        env = {"HEAPMAP_CACHE": cache or self.cache}
        p = run("analyze", "-m", *flags, *args, cwd=self.dir, env=env)
        return p.returncode, p.stdout.decode(), p.stderr.decode()

    def counts(self, err):
        m = re.search(r"\((\d+) named reused, (\d+) named rebuilt", err)
        self.assertIsNotNone(m, err)
        return int(m.group(1)), int(m.group(2))

    def entries(self):
        found = []
        for root, _, files in os.walk(os.path.join(self.cache, "v1")):
            found += [os.path.join(root, f) for f in files]
        return sorted(found)

    def test_warm_scan_reuses_every_package(self):
        for flags in (["-l"], [], ["-m=2", "-l"]):
            rc, cold, err = self.scan(*flags)
            self.assertEqual(rc, 0, err)
            self.assertEqual(self.counts(err), (0, 4), err)
            self.assertIn("leaking param: p", cold)
            rc, warm, err = self.scan(*flags)
            self.assertEqual(rc, 0, err)
            self.assertEqual(self.counts(err), (4, 0), err)
            self.assertEqual(warm, cold)
            _, off, _ = self.scan(*flags, cache="off")
            self.assertEqual(off, cold)

    def test_an_edit_rebuilds_the_package_and_its_importers(self):
        self.scan("-l")
        self.write("c/c.go", "package c\n\nvar sink *int\n\nfunc Leak(p *int) {}\n\n"
                   "func Keep(p *int) int { sink = p; return *p }\n")
        rc, out, err = self.scan("-l")
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.counts(err), (1, 3), err)  # d reused; c, b, a rebuilt
        _, off, _ = self.scan("-l", cache="off")
        self.assertEqual(out, off)
        self.assertIn("c.go:7:11: leaking param: p\n", out)
        # A new file in b: b and a rebuilt.
        self.write("b/b2.go", "package b\n\nfunc B2(p *int) *int { return p }\n")
        rc, out, err = self.scan("-l")
        self.assertEqual(self.counts(err), (2, 2), err)
        _, off, _ = self.scan("-l", cache="off")
        self.assertEqual(out, off)

    def test_a_body_edit_that_keeps_the_api_cuts_off_importers(self):
        _, cold, _ = self.scan("-l")
        # Same summaries, same types, no inlining (-l): the importers b and a are reused.
        self.write("c/c.go", "package c\n\nvar sink *int\n\nfunc Leak(p *int) { sink = p }\n\n"
                   "func Keep(p *int) int { return *p + 0 }\n")
        rc, out, err = self.scan("-l")
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.counts(err), (3, 1), err)
        self.assertIn("1 cut off", err)
        _, off, _ = self.scan("-l", cache="off")
        self.assertEqual(out, off)
        self.assertEqual(out, cold)

    def test_a_rebuilt_package_reads_its_imports_from_their_artifacts(self):
        # e: an inlinable constructor that devirtualizes, an inlinable leaking function, a
        # constant; g: a generic, which importers stencil from source; f imports both.
        self.write("e/e.go", "package e\n\ntype I interface{ M() int }\n\n"
                   "type T struct{ x int }\n\nfunc (t *T) M() int { return t.x }\n\n"
                   "func New(x int) I { return &T{x} }\n\nvar sink *int\n\n"
                   "func Leak(p *int) { sink = p }\n\nconst N = 4\n")
        self.write("g/g.go", "package g\n\nfunc Map[T any](s []T, f func(T) T) []T {\n"
                   "\tfor i := range s {\n\t\ts[i] = f(s[i])\n\t}\n\treturn s\n}\n")
        f = ('package f\n\nimport (\n\t"example.com/m/e"\n\t"example.com/m/g"\n)\n\n'
             "func F(x int) int { e.Leak(&x); return e.New(x).M() }\n\n"
             "func H() []int { s := make([]int, e.N); return g.Map(s, func(v int) int { return v + 1 }) }\n")
        self.write("f/f.go", f)
        for flags in ([], ["-l"], ["-m=2"]):
            self.scan(*flags)
            # A new function in f (its API): f alone is rebuilt; e is read from its
            # artifact, g (generic code) from source.
            self.write("f/f.go", f + "\nfunc Z() {}\n")
            rc, out, err = self.scan(*flags)
            self.assertEqual(rc, 0, err)
            self.assertIn("1 named rebuilt", err)
            m = re.search(r"(\d+) imports read from their artifacts", err)
            self.assertIsNotNone(m, err)
            self.assertEqual(int(m.group(1)), 1, err)
            _, off, _ = self.scan(*flags, cache="off")
            self.assertEqual(out, off, flags)
            self.assertIn("f.go:8:8: x escapes to heap", off.replace("moved to heap: x", "x escapes to heap"))
            self.write("f/f.go", f)

    def test_a_constant_is_part_of_the_api(self):
        self.write("k/k.go", "package k\n\nconst N = 8\n")
        self.write("u/u.go", 'package u\n\nimport "example.com/m/k"\n\n'
                   "func F() int { s := make([]int, k.N); return len(s) }\n")
        _, before, _ = self.scan("-l")
        self.write("k/k.go", "package k\n\nconst N = 1 << 20\n")
        rc, out, err = self.scan("-l")
        _, off, _ = self.scan("-l", cache="off")
        self.assertEqual(out, off)
        self.assertNotEqual(out, before)  # too large for the stack now
        self.assertIn("escapes to heap", out)

    def test_bad_entries_are_recomputed_and_reported_once(self):
        _, cold, _ = self.scan("-l")
        files = self.entries()
        self.assertEqual(len(files), 8)  # per package: its main entry and its results
        for k, path in enumerate(files):
            if k % 3 == 0:
                with open(path, "r+b") as f:  # a flipped byte
                    data = bytearray(f.read())
                    data[len(data) // 2] ^= 0x55
                    f.seek(0)
                    f.write(data)
            elif k % 3 == 1:
                with open(path, "r+b") as f:  # a torn entry
                    f.truncate(10)
            else:
                with open(path, "wb") as f:  # an entry of another format or version
                    f.write(b"heapmap-package-artifact 999\n" + b"\0" * 40)
        rc, out, err = self.scan("-l")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, cold)
        self.assertEqual(err.count("bad cache entries"), 1, err)
        # Entries are looked up once their imports are decided: a bad import entry means
        # its importers are recomputed without being looked up.
        self.assertRegex(err, r"\b[1-8] bad cache entries")
        rc, out, err = self.scan("-l")
        self.assertEqual(out, cold)
        self.assertNotIn("bad cache entries", err)
        self.assertEqual(self.counts(err), (4, 0), err)

    def test_unwritable_cache_and_cache_off(self):
        blocker = self.write("notadir", "a file where the cache directory should be\n")
        rc, out, err = self.scan("-l", cache=blocker)
        self.assertEqual(rc, 0, err)
        self.assertEqual(err.count("could not be written to the cache"), 1, err)
        _, off, err_off = self.scan("-l", cache="off")
        self.assertEqual(out, off)
        self.assertNotIn("could not be written", err_off)
        self.assertFalse(os.path.exists(self.cache))
        p = run("analyze", "-m", "-l", "-cache", "off", "./...", cwd=self.dir,
                env={"HEAPMAP_CACHE": self.cache})
        self.assertEqual(p.stdout.decode(), off)
        self.assertFalse(os.path.exists(self.cache))

    def test_cache_command(self):
        env = {"HEAPMAP_CACHE": self.cache}
        self.scan("-l")
        p = run("cache", "stats", env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("8 entries", p.stdout.decode())  # two per package
        p = run("cache", "trim", "-cache-max", "0", env=env)
        self.assertIn("removed 8 entries", p.stdout.decode())
        rc, out, err = self.scan("-l")
        self.assertEqual(self.counts(err), (0, 4), err)
        p = run("cache", "clean", "-cache", self.cache)
        self.assertIn("removed 8 entries", p.stdout.decode())
        self.assertIn("0 entries", p.stdout.decode())
        for bad in (["cache"], ["cache", "nuke"], ["cache", "stats", "-cache", "off"],
                    ["cache", "trim", "-cache-max", "lots"]):
            p = run(*bad, env=env)
            self.assertEqual(p.returncode, 2, bad)
            self.assertTrue(p.stderr.decode().startswith("heapmap: "), p.stderr)

    def test_no_cache_directory_is_not_an_error(self):
        env = dict(os.environ, GOROOT=GOROOT, GO111MODULE="")
        for k in ("GOPATH", "HOME", "XDG_CACHE_HOME", "HEAPMAP_CACHE"):
            env.pop(k, None)
        p = subprocess.run([HEAPMAP, "analyze", "-m", "-l", "./..."], cwd=self.dir, env=env,
                           capture_output=True)
        _, off, _ = self.scan("-l", cache="off")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.decode(), off)
        self.assertIn("analyzing without it", p.stderr.decode())

    def test_concurrent_scans_share_one_cache(self):
        env = dict(os.environ, GOROOT=GOROOT, GO111MODULE="", HEAPMAP_CACHE=self.cache)
        env.pop("GOPATH", None)
        procs = [subprocess.Popen([HEAPMAP, "analyze", "-m", "-l", "./..."], cwd=self.dir,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(4)]
        outs = [p.communicate()[0].decode() for p in procs]
        _, off, _ = self.scan("-l", cache="off")
        for p, out in zip(procs, outs):
            self.assertEqual(p.returncode, 0)
            self.assertEqual(out, off)
        rc, warm, err = self.scan("-l")
        self.assertEqual(warm, off)
        self.assertEqual(self.counts(err), (4, 0), err)
        self.assertEqual([f for f in self.entries() if ".tmp." in f], [])


class CheckBadInputTest(ModuleTreeTest):
    """`heapmap check` on ill-typed programs: clear errors, no crash, non-zero exit, and
    every other package still checked (temporary module trees)."""


    def check(self, *patterns):
        p = run("check", "-q", *patterns, cwd=self.dir)
        self.assertIn(p.returncode, (1, 2), p.stdout + p.stderr)  # never 0, never a signal
        return p.stdout.decode() + p.stderr.decode()

    def test_type_error_does_not_stop_importers(self):
        self.write("bad/bad.go", 'package bad\n\nvar X int = "s"\n\nfunc F() int { return X }\n')
        self.write("user/user.go", 'package user\n\nimport "example.com/m/bad"\n\nvar Y string = bad.F()\n')
        self.write("top/top.go", 'package top\n\nimport "example.com/m/user"\n\nvar Z = user.Y + 1\n')
        self.write("fine/fine.go", "package fine\n\nvar OK = 1\n")
        out = self.check("./...")
        self.assertIn("bad.go:3:13: cannot use \"s\" (untyped string constant) as int value", out)
        # The importer is checked against bad's declared types ...
        self.assertIn("user.go:5:16: cannot use bad.F() (value of type int) as string value", out)
        # ... and so is its importer, two levels up.
        self.assertIn("top.go:5:9: invalid operation: user.Y + 1 (mismatched types string and untyped int)", out)
        self.assertNotIn("fine.go", out)

    def test_invalid_recursive_type(self):
        self.write("rec/rec.go", "package rec\n\ntype T struct{ t T }\n\nvar V T\n\nfunc F() T { return V }\n")
        self.write("user/user.go", 'package user\n\nimport "example.com/m/rec"\n\nvar W = rec.F().t\n')
        out = self.check("./...")
        self.assertIn("rec.go:3:6: invalid recursive type: T refers to itself", out)

    def test_missing_import(self):
        self.write("miss/m.go", 'package miss\n\nimport "example.com/m/nosuch"\n\nvar M = nosuch.X\n')
        self.write("fine/fine.go", 'package fine\n\nvar N int = "n"\n')
        out = self.check("./...")
        self.assertIn("example.com/m/nosuch", out)
        self.assertIn("fine.go:3:13: cannot use", out)  # the other package is still checked

    def test_import_cycle(self):
        self.write("a/a.go", 'package a\n\nimport "example.com/m/b"\n\nvar A = b.B\n')
        self.write("b/b.go", 'package b\n\nimport "example.com/m/a"\n\nvar B = a.A\n')
        self.write("fine/fine.go", 'package fine\n\nvar N int = "n"\n')
        out = self.check("./...")
        self.assertIn("import cycle not allowed", out)
        self.assertIn("fine.go:3:13: cannot use", out)

if __name__ == "__main__":
    HEAPMAP = os.path.abspath(sys.argv[1])
    GOROOT = "/usr/lib/go-1.19"
    if len(sys.argv) > 3 and sys.argv[2] == "--goroot":
        GOROOT = sys.argv[3]
    # Further arguments after HEAPMAP [--goroot DIR] name tests to run (ReportTest.test_logopt).
    rest = sys.argv[4:] if len(sys.argv) > 3 and sys.argv[2] == "--goroot" else sys.argv[2:]
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
