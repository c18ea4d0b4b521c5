#!/usr/bin/env python3
"""tests/package_list.py — package graphs from outside (issue 11): go.work workspaces, and
package lists given with -pkgs.

Usage: package_list.py HEAPMAP [--std] [--goroot DIR]   (default GOROOT /usr/lib/go-1.19)

Without --std (fast tier): the workspace of tests/testdata/load/work (go.work uses a, its
nested module a/inner, b and c; its replacement of example.com/ext wins over c's go.mod's)
listed by heapmap and by `go list -json -deps` (byte for byte, when the go command is
installed), GOWORK, go.work errors; package lists read back (`heapmap list -json -deps`'s and
`go list -deps -json`'s give what the patterns give), every command that loads packages
taking -pkgs, and the list's errors (patterns beside -pkgs, an import missing from the list,
a package listed twice, an import cycle, malformed JSON, an unreadable file).
With --std (full tier, ~10 s a scan): `heapmap list -json -deps std | heapmap analyze -m
-pkgs -` prints what `heapmap analyze -m std` prints, and so does `go list -deps -json std`.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HEAPMAP = None
GOROOT = "/usr/lib/go-1.19"
WORK = os.path.join(os.path.dirname(os.path.realpath(__file__)), "testdata", "load", "work")

# The fields heapmap prints (frontend/load/README.md), for `go list -json=...`: the go
# command prints more (Stale, Target, ...), which heapmap does not compute.
FIELDS = ("Dir,ImportPath,ImportComment,Name,Doc,Root,Module,Match,Goroot,Standard,DepOnly,"
          "Incomplete,GoFiles,CgoFiles,IgnoredGoFiles,InvalidGoFiles,IgnoredOtherFiles,CFiles,"
          "CXXFiles,MFiles,HFiles,FFiles,SFiles,SwigFiles,SwigCXXFiles,SysoFiles,Imports,"
          "ImportMap,Deps,Error,TestGoFiles,TestImports,XTestGoFiles,XTestImports")


def env_for(extra=None):
    env = dict(os.environ, GOROOT=GOROOT, GO111MODULE="", HEAPMAP_CACHE="off", GOFLAGS="")
    for k in ("GOPATH", "GOWORK", "GOMODCACHE", "CGO_ENABLED", "GOOS", "GOARCH"):
        env.pop(k, None)
    if extra:
        env.update(extra)
    return env


def heapmap(*args, cwd, env=None, stdin=None):
    # PWD as a shell sets it: GOROOT/src is reached through a symbolic link on Debian, and
    # heapmap and the go command both keep the path as given when $PWD names the cwd.
    return subprocess.run([HEAPMAP] + list(args), cwd=cwd, env=env_for(dict(env or {}, PWD=cwd)),
                          input=stdin, capture_output=True)


def go_command():
    go = os.path.join(GOROOT, "bin", "go")
    return go if os.path.exists(go) else shutil.which("go")


GO_HOME = tempfile.mkdtemp(prefix="heapmap_package_list_go_")


def go(*args, cwd):
    """The go command, offline, with cgo off (heapmap's default) and a home of its own."""
    env = env_for({"CGO_ENABLED": "0", "GOPROXY": "off", "HOME": GO_HOME,
                   "GOPATH": os.path.join(GO_HOME, "go"), "GOCACHE": os.path.join(GO_HOME, "cache"),
                   "PWD": cwd})
    p = subprocess.run([go_command()] + list(args), cwd=cwd, env=env, capture_output=True)
    if p.returncode != 0:
        raise AssertionError(f"go {' '.join(args)}: {p.stderr.decode()}")
    return p.stdout


def objects(data):
    """The JSON objects of a `go list -json` stream."""
    dec, text, i, out = json.JSONDecoder(), data.decode(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return out
        obj, i = dec.raw_decode(text, i)
        out.append(obj)


def stream(objs):
    return "".join(json.dumps(o, indent="\t") + "\n" for o in objs).encode()


needs_go = unittest.skipIf(go_command() is None, "the go command is not installed")


class TempTree:
    def __init__(self, files):
        self.dir = os.path.realpath(tempfile.mkdtemp(prefix="heapmap_package_list_"))
        for path, text in files.items():
            full = os.path.join(self.dir, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(text)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.dir)


class WorkspaceTest(unittest.TestCase):
    # (directory in the workspace, patterns): modules, the nested one, the root (in no module).
    CASES = [("a", ["./..."]), ("", ["all"]), ("c", ["."]), ("a/inner", ["./..."]),
             ("b", ["example.com/a/cmd/tool", "example.com/ext"])]

    def test_every_used_module_is_main(self):
        p = heapmap("list", "-json", "-deps", "./...", cwd=os.path.join(WORK, "a"))
        self.assertEqual(p.returncode, 0, p.stderr)
        pkgs = {o["ImportPath"]: o for o in objects(p.stdout)}
        for path in ("example.com/a", "example.com/a/inner", "example.com/b", "example.com/c"):
            self.assertTrue(pkgs[path]["Module"]["Main"], path)
            self.assertEqual(pkgs[path]["Module"]["Path"], path)
        # go.work's replacement wins over c's go.mod's (../ext-old).
        ext = pkgs["example.com/ext"]
        self.assertEqual(ext["Dir"], os.path.join(WORK, "ext"))
        self.assertEqual(ext["Module"]["Replace"]["Path"], "./ext")
        self.assertTrue(ext["Module"]["Indirect"])
        self.assertEqual([o["ImportPath"] for o in pkgs.values() if not o.get("DepOnly")],
                         ["example.com/a", "example.com/a/cmd/tool"])

    @needs_go
    def test_list_is_go_lists(self):
        for sub, patterns in self.CASES:
            cwd = os.path.join(WORK, sub)
            want = go("list", "-json=" + FIELDS, "-deps", *patterns, cwd=cwd)
            got = heapmap("list", "-json", "-deps", *patterns, cwd=cwd)
            self.assertEqual(got.returncode, 0, got.stderr)
            self.assertGreater(len(want), 300)
            self.assertEqual(got.stdout.decode(), want.decode(), f"{sub}: {patterns}")

    def test_gowork(self):
        a = os.path.join(WORK, "a")
        # GOWORK=off: module a alone, which requires none of the others.
        p = heapmap("list", ".", "-deps", cwd=a, env={"GOWORK": "off"})
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"no required module provides package example.com/a/inner", p.stderr)
        # GOWORK names the go.work from anywhere; it must be absolute.
        with TempTree({}) as t:
            p = heapmap("list", "example.com/b", cwd=t.dir,
                        env={"GOWORK": os.path.join(WORK, "go.work")})
            self.assertEqual((p.returncode, p.stdout), (0, b"example.com/b\n"), p.stderr)
        p = heapmap("list", ".", cwd=a, env={"GOWORK": "go.work"})
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"GOWORK=go.work: the path provided to GOWORK must be an absolute path", p.stderr)

    def test_bad_go_work_is_positioned_and_std_still_loads(self):
        with TempTree({"go.work": "go 1.18\n\nuse ./m\nfrob x\n",
                       "m/go.mod": "module example.com/m\n\ngo 1.18\n",
                       "m/m.go": "package m\n", "nomod/n.go": "package n\n"}) as t:
            m = os.path.join(t.dir, "m")
            p = heapmap("list", "fmt", ".", cwd=m)
            self.assertEqual(p.returncode, 1)
            self.assertIn(f"heapmap: reading go.work: {t.dir}/go.work:4: unknown directive: frob\n".encode(),
                          p.stderr)
            self.assertEqual(p.stdout, b"fmt\n")
            with open(os.path.join(t.dir, "go.work"), "w") as f:
                f.write("go 1.18\n\nuse (\n\t./m\n\t./nomod\n)\n")
            p = heapmap("list", "fmt", ".", cwd=m)
            self.assertEqual(p.returncode, 1)
            self.assertIn(f"{t.dir}/go.work:5: use ./nomod: no go.mod file in {t.dir}/nomod".encode(),
                          p.stderr)
            self.assertEqual(p.stdout, b"fmt\n")


class PackageListTest(unittest.TestCase):
    A = os.path.join(WORK, "a")

    def analyze(self, *args, cwd=A, stdin=None):
        p = heapmap("analyze", "-q", "-m", *args, cwd=cwd, stdin=stdin)
        return p

    def test_heapmaps_list_read_back_is_the_patterns(self):
        listed = heapmap("list", "-json", "-deps", "./...", cwd=self.A)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        for flags in ([], ["-l"]):
            want = self.analyze(*flags, "./...")
            self.assertEqual(want.returncode, 0, want.stderr)
            self.assertIn(b"# example.com/a\n", want.stdout)
            got = self.analyze(*flags, "-pkgs", "-", stdin=listed.stdout)
            self.assertEqual((got.returncode, got.stdout), (0, want.stdout), got.stderr)
        # From a file, and `list -pkgs` gives the list back.
        with TempTree({"pkgs.json": listed.stdout.decode()}) as t:
            path = os.path.join(t.dir, "pkgs.json")
            self.assertEqual(self.analyze("-pkgs", path).stdout, self.analyze("./...").stdout)
            again = heapmap("list", "-json", "-deps", "-pkgs", path, cwd=t.dir)
            self.assertEqual(again.stdout, listed.stdout)

    @needs_go
    def test_go_lists_list_read_back_is_the_patterns(self):
        listed = go("list", "-deps", "-json", "./...", cwd=self.A)
        for flags in ([], ["-l"]):
            want = self.analyze(*flags, "./...")
            got = self.analyze(*flags, "-pkgs", "-", stdin=listed)
            self.assertEqual((got.returncode, got.stdout), (0, want.stdout), got.stderr)

    def test_every_command_that_loads_takes_pkgs(self):
        listed = heapmap("list", "-json", "-deps", "./...", cwd=self.A).stdout
        with TempTree({"pkgs.json": listed.decode()}) as t:
            path = os.path.join(t.dir, "pkgs.json")
            for cmd in (["list"], ["parse"], ["check"], ["inline", "-m"], ["analyze", "-m"],
                        ["report"], ["assert"], ["scan", "-db", os.path.join(t.dir, "db")]):
                want = heapmap(*cmd, "./...", cwd=self.A)
                got = heapmap(*cmd, "-pkgs", path, cwd=self.A)
                self.assertEqual(got.returncode, 0, (cmd, got.stderr))
                if cmd[0] != "scan":
                    self.assertEqual(got.stdout, want.stdout, cmd)
                self.assertIn(b"-pkgs FILE", heapmap("help", cmd[0], cwd=t.dir).stdout)
            for cmd in ("explain", "action", "print", "history"):
                self.assertNotIn(b"-pkgs", heapmap("help", cmd, cwd=t.dir).stdout)

    def test_patterns_beside_pkgs_are_a_usage_error(self):
        p = heapmap("analyze", "-m", "-pkgs", "x.json", "./...", cwd=self.A)
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"-pkgs x.json names the packages; drop the patterns (./...)", p.stderr)

    def workspace_list(self):
        """The workspace's list: inner, b (importing c, importing ext) and a named."""
        p = heapmap("list", "-json", "-deps", "example.com/a/inner", "example.com/b",
                    "example.com/a", cwd=WORK)
        self.assertEqual(p.returncode, 0, p.stderr)
        return objects(p.stdout)

    def run_list(self, objs, *cmd):
        with TempTree({"pkgs.json": stream(objs).decode()}) as t:
            p = heapmap(*cmd, "-pkgs", os.path.join(t.dir, "pkgs.json"), cwd=t.dir)
            return p, p.stderr.decode().replace(t.dir + "/", ""), p.stdout.decode()

    def test_an_import_missing_from_the_list(self):
        objs = [o for o in self.workspace_list() if o["ImportPath"] != "example.com/c"]
        p, err, out = self.run_list(objs, "analyze", "-q", "-m")
        self.assertEqual(p.returncode, 1, err)
        # b's error, at its import of c; a skipped with it; inner analyzed.
        line = next(i for i, l in enumerate(stream(objs).decode().splitlines(), 1)
                    if l == '\t\t"example.com/c"')
        self.assertIn(f"pkgs.json:{line}:3: package example.com/c is not in the package list (a "
                      "list must hold every import, as go list -deps prints it)", err)
        self.assertIn("example.com/a", err)
        self.assertNotIn("# example.com/a\n", out)
        self.assertIn("# example.com/a/inner\n", out)
        self.assertIn("can inline Inner", out)

    def test_a_package_listed_twice_and_a_cycle(self):
        objs = self.workspace_list()
        inner = next(o for o in objs if o["ImportPath"] == "example.com/a/inner")
        p, err, out = self.run_list(objs + [inner], "list", "-deps")
        self.assertEqual(p.returncode, 1)
        self.assertIn("package example.com/a/inner is listed twice (first at pkgs.json:", err)
        self.assertEqual(out.count("example.com/a/inner\n"), 0)  # listed as failed, not twice
        for o in objs:
            if o["ImportPath"] == "example.com/ext":
                o["Imports"] = ["example.com/c"]
        p, err, out = self.run_list(objs, "list", "-deps")
        self.assertEqual(p.returncode, 1)
        self.assertIn("package example.com/ext\n\timports example.com/c\n\timports example.com/ext: "
                      "import cycle not allowed", err)
        self.assertNotIn("example.com/ext\n", out)  # listed as failed

    def test_malformed_lists(self):
        data = stream(self.workspace_list())
        with TempTree({"cut.json": data[:len(data) // 2].decode(errors="replace"),
                       "garbage.json": "\x00\x01{[\"\\u12"}) as t:
            for name in ("cut.json", "garbage.json"):
                p = heapmap("analyze", "-q", "-m", "-pkgs", name, cwd=t.dir)
                self.assertEqual(p.returncode, 1, p.stderr)
                self.assertRegex(p.stderr.decode(), f"heapmap: {name}:[0-9]+:[0-9]+: ")
            p = heapmap("list", "-pkgs", "nosuch.json", cwd=t.dir)
            self.assertEqual(p.returncode, 1)
            self.assertIn(b"cannot read the package list nosuch.json: No such file or directory", p.stderr)
            p = heapmap("list", "-pkgs", "-", cwd=t.dir, stdin=b'{"ImportPath": 7}')
            self.assertEqual(p.returncode, 1)
            self.assertIn(b"heapmap: <stdin>:1:16: ImportPath: want a string", p.stderr)


class StdTest(unittest.TestCase):
    """Whole std (full tier): the list read back gives analyze's bytes."""

    def setUp(self):
        self.SRC = os.path.join(GOROOT, "src")

    def assertSameBytes(self, got, want):
        # Not assertEqual: its diff of megabytes would take minutes.
        self.assertEqual(got.returncode, 0, got.stderr[-2000:])
        if got.stdout != want.stdout:
            a, b = got.stdout.splitlines(), want.stdout.splitlines()
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            self.fail(f"{len(a)} lines, want {len(b)}; line {first + 1} differs: "
                      f"{a[first:first + 1]} != {b[first:first + 1]}")

    def test_heapmaps_list_of_std(self):
        listed = heapmap("list", "-json", "-deps", "std", cwd=self.SRC)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        want = heapmap("analyze", "-q", "-m", "std", cwd=self.SRC)
        got = heapmap("analyze", "-q", "-m", "-pkgs", "-", cwd=self.SRC, stdin=listed.stdout)
        self.assertEqual(want.returncode, 0, want.stderr)
        self.assertGreater(len(want.stdout), 1000000)
        self.assertSameBytes(got, want)

    @needs_go
    def test_go_lists_list_of_std(self):
        listed = go("list", "-deps", "-json", "std", cwd=self.SRC)
        with TempTree({"std.json": listed.decode()}) as t:
            path = os.path.join(t.dir, "std.json")
            want = heapmap("analyze", "-q", "-m", "std", cwd=self.SRC)
            got = heapmap("analyze", "-q", "-m", "-pkgs", path, cwd=self.SRC)
            self.assertSameBytes(got, want)
            # heapmap lists what go lists: read back, the list is heapmap's own.
            want = heapmap("list", "-json", "-deps", "std", cwd=self.SRC)
            got = heapmap("list", "-json", "-deps", "-pkgs", path, cwd=self.SRC)
            self.assertSameBytes(got, want)


if __name__ == "__main__":
    args = sys.argv[1:]
    HEAPMAP = os.path.realpath(args.pop(0))
    std = "--std" in args
    if std:
        args.remove("--std")
    if "--goroot" in args:
        i = args.index("--goroot")
        GOROOT = args[i + 1]
        del args[i:i + 2]
    loader = unittest.TestLoader()
    classes = [StdTest] if std else [WorkspaceTest, PackageListTest]
    suite = unittest.TestSuite(loader.loadTestsFromTestCase(c) for c in classes)
    ok = unittest.TextTestRunner(verbosity=2).run(suite).wasSuccessful()
    shutil.rmtree(GO_HOME, ignore_errors=True)
    sys.exit(0 if ok else 1)
