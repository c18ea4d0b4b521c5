#!/usr/bin/env python3
"""tests/scan_history.py — scans kept over time: `heapmap scan`, `history`, `diff`.

A module of three packages (c imports b imports a) is scanned three times into one
database, with known changes between the scans:
  scan 1: the tree as written;
  scan 2: one new heap allocation in a (a pointer returned), one fixed in b (a value no
          longer boxed into an interface), and nothing else changed;
  scan 3: lines inserted above everything in c (its sites move, none changes).
`diff 1 2` must name exactly the new and the fixed one (by stable ID: nothing else), `diff
2 3` nothing; the CI gate (`-fail-on new`) fails on 1 -> 2 only, also through a report
JSON baseline (-baseline). `history` lists the three with their +/- counts. Then the
database's faults: two scans written at once (both stored, whole), a scan killed in the
middle of its write (nothing of it stored, the database intact: sqlite3's
integrity_check), and a database of a newer schema refused.

Usage: tests/scan_history.py HEAPMAP [GOROOT]   (default GOROOT /usr/lib/go-1.19)
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

HEAPMAP = os.path.realpath(sys.argv[1])
NIGHTLY = os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "scripts", "nightly.sh")
GOROOT = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/go-1.19"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(*args, cwd, env=None, ok_codes=(0,)):
    full = dict(os.environ, GOROOT=GOROOT, GO111MODULE="", HEAPMAP_CACHE="off")
    full.pop("GOPATH", None)
    if env:
        full.update(env)
    p = subprocess.run([HEAPMAP] + list(args), cwd=cwd, env=full, capture_output=True, text=True)
    if p.returncode not in ok_codes:
        print(f"heapmap {' '.join(args)}: exit {p.returncode}\n{p.stderr}")
    return p


A1 = """package a

type T struct{ n int }

var sink interface{}

func Keep(p *T) { sink = p }

func Sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
"""
# scan 2: New returns a pointer to a local: one new heap allocation.
A2 = A1 + """
func New(n int) *T {
	t := T{n: n}
	return &t
}
"""
B1 = """package b

import (
	"fmt"

	"example.com/nightly/a"
)

func Show(n int) string {
	return fmt.Sprint(n)
}

func Use() {
	a.Keep(&a.T{})
}
"""
# scan 2: Show formats with strconv: n is no longer boxed into an interface.
B2 = B1.replace('"fmt"', '"strconv"').replace("fmt.Sprint(n)", "strconv.Itoa(n)")
C1 = """package c

import "example.com/nightly/b"

var names []string

func Add(n int) {
	names = append(names, b.Show(n))
}

func Many(k int) []*int {
	var out []*int
	for i := 0; i < k; i++ {
		v := i
		out = append(out, &v)
	}
	return out
}
"""
C3 = "package c\n\n// Lines inserted above: every site of c moves down.\n// One.\n// Two.\n" + C1[len("package c\n"):]


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    with tempfile.TemporaryDirectory(prefix="heapmap-scan-history-") as tmp:
        tree = os.path.join(tmp, "tree")
        db = os.path.join(tmp, "scans.db")
        write(tree, "go.mod", "module example.com/nightly\n\ngo 1.19\n")
        write(tree, "a/a.go", A1)
        write(tree, "b/b.go", B1)
        write(tree, "c/c.go", C1)
        base = os.path.join(tmp, "base.json")
        p = run("report", "-q", "-l", "-format", "json", "-o", base, "./...", cwd=tree)
        check(p.returncode == 0, "report -format json of the first tree")
        p = run("scan", "-q", "-l", "-db", db, "-label", "first", "./...", cwd=tree)
        check(p.returncode == 0 and p.stdout.startswith("scan 1 (first): "), f"scan 1: {p.stdout.strip()}")

        write(tree, "a/a.go", A2)
        write(tree, "b/b.go", B2)
        current = os.path.join(tmp, "current.json")
        run("report", "-q", "-l", "-format", "json", "-o", current, "./...", cwd=tree)
        p = run("scan", "-q", "-l", "-db", db, "-label", "second", "./...", cwd=tree)
        check(p.returncode == 0 and p.stdout.startswith("scan 2 (second): "), f"scan 2: {p.stdout.strip()}")

        write(tree, "c/c.go", C3)
        p = run("scan", "-q", "-l", "-db", db, "-label", "third", "./...", cwd=tree)
        check(p.returncode == 0 and p.stdout.startswith("scan 3 (third): "), f"scan 3: {p.stdout.strip()}")

        # The diff names exactly the new and the fixed allocation.
        p = run("diff", "-db", db, "-format", "json", "first", "second", cwd=tree)
        d = json.loads(p.stdout)
        intro = [(s["file"], s["function"], s.get("message", "")) for s in d["introduced"]]
        fixed = [(s["file"], s["function"], s.get("message", "")) for s in d["fixed"]]
        check(intro == [("a/a.go", "New", "moved to heap: t")], f"1 -> 2 introduced {intro}")
        check(fixed == [("b/b.go", "Show", "n escapes to heap")], f"1 -> 2 fixed {fixed}")
        check(d["older"] == "scan 1 (first)" and d["newer"] == "scan 2 (second)", "diff names the scans")
        p = run("diff", "-db", db, "-format", "json", "2", "last", cwd=tree)
        d = json.loads(p.stdout)
        check(not d["introduced"] and not d["fixed"] and d["unchanged"] > 0,
              f"2 -> 3 (c's lines moved): {len(d['introduced'])} introduced, {len(d['fixed'])} fixed, "
              f"{d['unchanged']} unchanged")
        p = run("diff", "-db", db, "last~2", "last~1", cwd=tree)
        check("1 introduced, 1 fixed" in p.stdout and "moved to heap: t" in p.stdout,
              "text diff: " + p.stdout.splitlines()[0] if p.stdout else "text diff: empty")

        # The CI gate: fails on the new allocation only.
        p = run("diff", "-db", db, "-fail-on", "new", "1", "2", cwd=tree, ok_codes=(1,))
        check(p.returncode == 1, f"-fail-on new 1 -> 2 exits {p.returncode} (want 1)")
        p = run("diff", "-db", db, "-fail-on", "new", "2", "3", cwd=tree)
        check(p.returncode == 0, f"-fail-on new 2 -> 3 exits {p.returncode} (want 0)")
        # Backwards, Show's allocation comes back: the gate names it alone.
        p = run("diff", "-db", db, "-fail-on", "new", "2", "1", cwd=tree, ok_codes=(1,))
        check(p.returncode == 1 and p.stdout.count("\n  ") == 2 and "Show" in p.stdout.split("fixed:")[0],
              f"-fail-on new 2 -> 1 exits {p.returncode}, introducing Show's allocation only")
        # New's allocation runs once, in no loop: not hot.
        p = run("diff", "-db", db, "-fail-on", "new-hot", "1", "2", cwd=tree)
        check(p.returncode == 0, f"-fail-on new-hot 1 -> 2 exits {p.returncode} (want 0)")
        p = run("diff", "-baseline", base, "-fail-on", "new", current, cwd=tree, ok_codes=(1,))
        check(p.returncode == 1 and "1 introduced, 1 fixed" in p.stdout,
              f"-baseline report JSON: exit {p.returncode}, {p.stdout.splitlines()[:1]}")
        p = run("diff", "-db", db, "-format", "sarif", "1", "2", cwd=tree)
        sarif = json.loads(p.stdout)
        results = sarif["runs"][0]["results"]
        check(len(results) == 1 and results[0]["message"]["text"].find("moved to heap: t") >= 0,
              f"-format sarif: {len(results)} result(s), the new one")

        # history: three scans, and what changed between them.
        p = run("history", "-db", db, "-format", "json", cwd=tree)
        rows = [json.loads(line) for line in p.stdout.splitlines()]
        got = [(r["id"], r["label"], r["introduced"], r["fixed"]) for r in rows]
        check(got == [(1, "first", 0, 0), (2, "second", 1, 1), (3, "third", 0, 0)], f"history {got}")
        check(all(r["config"] == "-l" and r["patterns"] == "./..." and r["tree"] == tree for r in rows),
              "history records the flags, patterns and tree")

        # Two scans written at once: both stored whole.
        env = {}
        procs = [subprocess.Popen([HEAPMAP, "scan", "-q", "-l", "-db", db, "-label", f"together{i}", "./..."],
                                  cwd=tree, env=dict(os.environ, GOROOT=GOROOT, HEAPMAP_CACHE="off"),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(2)]
        codes = [pr.wait() for pr in procs]
        check(codes == [0, 0], f"two scans at once exit {codes}")
        con = sqlite3.connect(db)
        counts = con.execute("SELECT s.label, s.sites, count(x.rank) FROM scans s JOIN sites x "
                             "ON x.scan = s.id WHERE s.label LIKE 'together%' GROUP BY s.id").fetchall()
        check(len(counts) == 2 and all(n == m for _, n, m in counts), f"both stored whole: {counts}")
        con.close()

        # A scan killed midway: nothing of it, the database intact.
        p = run("scan", "-q", "-l", "-db", db, "-label", "killed", "./...", cwd=tree,
                env={"HEAPMAP_TEST_STORE_ABORT_AFTER": "2"}, ok_codes=(-6,))
        check(p.returncode != 0, f"the killed scan exits {p.returncode}")
        con = sqlite3.connect(db)
        labels = [r[0] for r in con.execute("SELECT label FROM scans ORDER BY id")]
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        orphans = con.execute("SELECT count(*) FROM sites WHERE scan NOT IN (SELECT id FROM scans)").fetchone()[0]
        con.close()
        check("killed" not in labels and len(labels) == 5, f"scans after the kill: {labels}")
        check(integrity == "ok" and orphans == 0, f"integrity {integrity}, {orphans} orphan sites")
        p = run("scan", "-q", "-l", "-db", db, "-label", "after", "./...", cwd=tree)
        check(p.stdout.startswith("scan 6 (after)"), f"the next scan: {p.stdout.strip()}")

        # A tree where a package does not compile is stored with it (and c, skipped for
        # importing it) as failed: diffs leave their sites out instead of calling them fixed.
        write(tree, "b/b.go", B2.replace("package b", "package b\n\nvar broken int = \"x\""))
        p = run("scan", "-q", "-l", "-db", db, "-label", "broken", "./...", cwd=tree, ok_codes=(1,))
        check(p.returncode == 1 and "2 packages failed" in p.stdout,
              f"a broken tree: exit {p.returncode}, {p.stdout.strip()}")
        p = run("diff", "-db", db, "-format", "json", "after", "broken", cwd=tree)
        d = json.loads(p.stdout)
        check(not d["introduced"] and not d["fixed"] and
              d["packages_not_compared"] == ["example.com/nightly/b", "example.com/nightly/c"],
              f"after -> broken: {len(d['introduced'])} introduced, {len(d['fixed'])} fixed, "
              f"not compared {d['packages_not_compared']}")
        p = run("history", "-db", db, "-format", "json", cwd=tree)
        last = json.loads(p.stdout.splitlines()[-1])
        check(last["label"] == "broken" and last["fixed"] == 0 and last["failed"] == 2,
              f"history of the broken scan: {last['fixed']} fixed, {last['failed']} failed")

        # scripts/nightly.sh: the first night stores, the second compares; a hot allocation
        # (in a loop) introduced between them makes it exit 1, naming it.
        write(tree, "b/b.go", B2)
        nightly_db = os.path.join(tmp, "nightly.db")
        env = dict(os.environ, GOROOT=GOROOT, HEAPMAP_CACHE="off")
        env.pop("GOPATH", None)
        cmd = ["bash", NIGHTLY, "-db", nightly_db, "-heapmap", HEAPMAP, "-dashboard",
               os.path.join(tmp, "site"), "-l"]
        p = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
        check(p.returncode == 0 and "first scan stored" in p.stdout and
              os.path.exists(os.path.join(tmp, "site", "data", "summary.js")),
              f"nightly 1: exit {p.returncode}, the dashboard written")
        p = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
        check(p.returncode == 0 and "0 introduced, 0 fixed" in p.stdout, f"nightly 2 (no change): exit {p.returncode}")
        write(tree, "c/c.go", C3 + """
func Hot(k int) (out []*int) {
	for i := 0; i < k; i++ {
		w := i * 2
		out = append(out, &w)
	}
	return out
}
""")
        p = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
        check(p.returncode == 1 and "moved to heap: w" in p.stdout and ", hot" in p.stdout,
              f"nightly 3 (a hot allocation): exit {p.returncode}: {p.stdout.splitlines()[:1]}")

        # A database of a newer schema is refused, not rewritten.
        newer = os.path.join(tmp, "newer.db")
        con = sqlite3.connect(newer)
        con.execute("CREATE TABLE t (x)")
        con.execute("PRAGMA user_version = 99")
        con.commit()
        con.close()
        p = run("history", "-db", newer, cwd=tree, ok_codes=(2,))
        check(p.returncode == 2 and "newer than this heapmap's" in p.stderr, f"newer schema: {p.stderr.strip()}")

    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
