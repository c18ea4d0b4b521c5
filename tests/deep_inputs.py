#!/usr/bin/env python3
"""Generated Go programs of unusual shape and size, run through `heapmap analyze -m -l`.

Each shape is a valid package that gc builds: long left-deep chains (binary operators,
selectors, calls, index, slice and type-assertion chains, else-if chains), deep nesting
(parentheses, unary operators, blocks, loops, closures, types, composite literals), and
long lists (statements, switch cases, functions, arguments). For each shape and size
(10^3, 10^4, 10^5 by default) the test writes one file and checks:

  - heapmap exits 0, with no signal and nothing on stderr but its summary line;
  - its -m lines are gc's own (`go tool compile -p p -m -l`), as a multiset, wherever gc
    finishes within --gc-timeout (gc is quadratic on some shapes; then only the first
    check applies, and the table says so);
  - with --sanitizer BIN, the same run under an ASan + UBSan build of heapmap, the same
    lines and no sanitizer report.

Prints one row per input (heapmap's time and peak RSS beside gc's) and exits 1 on any
failure. `--markdown` prints the table for bench/RESULTS.md.

  tests/deep_inputs.py build/heapmap [--sanitizer build-fuzz/heapmap] [--sizes 1000,10000]
                       [--shapes sum,elseif] [--gc-timeout 60] [--keep DIR]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

GO = os.environ.get("GO", "/usr/lib/go-1.19/bin/go")
TIME = "/usr/bin/time"


# ---- shapes: name -> (generator(n) -> source, what it exercises). Every source is package p.

SHAPES = {}

# Nesting past go/parser's limit (maxNestLev, 100,000 levels) is refused with one
# positioned error, as go/parser refuses it (gc itself has no limit): a nesting shape at
# n > NEST_LIMIT must give exactly that error; NEAR_LIMIT is the depth checked just below.
NEST_LIMIT = 100000
NEAR_LIMIT = 99000


def shape(name, doc, nesting=False, max_n=None):
    """nesting: n is a nesting depth. max_n: larger sizes are not run (the -m output itself
    grows as n^2, in gc as in heapmap: n lines of n characters), and the sanitizer build
    runs only up to max_n / 10."""
    def register(fn):
        SHAPES[name] = (fn, doc, nesting, max_n)
        return fn
    return register


@shape("sum_const", "var Y = 1 + 1 + ... (constant folding of a left-deep chain)")
def _(n):
    return "var Y = " + " + ".join(["1"] * n) + "\n"


@shape("sum_vars", "*p + *p + ... in a function (a left-deep chain of non-constants)")
def _(n):
    return "func F(p *int) int {\n\treturn " + " + ".join(["*p"] * n) + "\n}\n"


@shape("strcat_const", 'var S = "a" + "a" + ... (constant string concatenation)')
def _(n):
    return "var S = " + " + ".join(['"a"'] * n) + "\n"


@shape("strcat_vars", "s + s + ... returned (one flattened OADDSTR that escapes)")
def _(n):
    return "func F(s string) string {\n\treturn " + " + ".join(["s"] * n) + "\n}\n"


@shape("compare_chain", "a == b && b == a && ... (logical and comparison chain)")
def _(n):
    return ("func F(a, b *int) bool {\n\treturn " +
            " && ".join(["a == b"] * n) + "\n}\n")


@shape("slice_chain", "a[0:][0:]... (slicing chain)")
def _(n):
    return "func F(a []*int) []*int {\n\treturn a" + "[0:]" * n + "\n}\n"


@shape("index_chain", "s[0][0]... on a recursive slice type (index chain)")
def _(n):
    return "type S []S\n\nfunc F(s S) S {\n\treturn s" + "[0]" * n + "\n}\n"


@shape("map_index_chain", "m[0][0]... on a recursive map type")
def _(n):
    return "type M map[int]M\n\nfunc F(m M) M {\n\treturn m" + "[0]" * n + "\n}\n"


@shape("selector_chain", "t.f.f.f... through pointers (selector chain, deref levels)")
def _(n):
    return "type T struct{ f *T }\n\nfunc F(t *T) *T {\n\treturn t" + ".f" * n + "\n}\n"


@shape("method_chain", "t.M().M()... value receivers (call chain)")
def _(n):
    return ("type T struct{ p *int }\n\nfunc (t T) M() T { return t }\n\n"
            "func F(t T) T {\n\treturn t" + ".M()" * n + "\n}\n")


@shape("ptr_method_chain", "t.M().M()... pointer receivers, package-level (init)")
def _(n):
    return ("type T struct{ next *T }\n\nfunc (t *T) M() *T { return t.next }\n\n"
            "var t = new(T)\n\nvar U = t" + ".M()" * n + "\n")


@shape("call_chain", "f()()()... through a recursive func type")
def _(n):
    return "type F func() F\n\nfunc G(f F) F {\n\treturn f" + "()" * n + "\n}\n"


@shape("assert_chain", "x.(any).(any)... (type assertion chain)")
def _(n):
    return "func F(x any) any {\n\treturn x" + ".(any)" * n + "\n}\n"


@shape("elseif_chain", "if / else if ... of n arms, each allocating")
def _(n):
    arms = ["\tif x == 0 {\n\t\treturn new(int)\n\t}"]
    arms += [" else if x == %d {\n\t\treturn new(int)\n\t}" % i for i in range(1, n)]
    return "func F(x int) *int {\n" + "".join(arms) + " else {\n\t\treturn nil\n\t}\n}\n"


@shape("parens", nesting=True, doc="((((p)))) nested parentheses")
def _(n):
    return "func F(p *int) *int {\n\treturn " + "(" * n + "p" + ")" * n + "\n}\n"


@shape("unary", nesting=True, doc="^^^x nested unary operators")
def _(n):
    return "func F(x int) int {\n\treturn " + "^" * n + "x\n}\n"


@shape("blocks", nesting=True, doc="{ { { ... } } } nested blocks with a declaration inside")
def _(n):
    return ("var sink *int\n\nfunc F() {\n" + "{\n" * n + "x := 0\nsink = &x\n" +
            "}\n" * n + "}\n")


@shape("loops", nesting=True, doc="for { for { ... } } nested loops (loop depth)")
def _(n):
    return ("var sink *int\n\nfunc F(c bool) {\n" + "for c {\n" * n +
            "x := 0\nsink = &x\n" + "}\n" * n + "}\n")


@shape("closures", "func() { func() { ... }() }() nested closures", nesting=True, max_n=10000)
def _(n):
    return ("var sink *int\n\nfunc F() {\n" + "func() {\n" * n + "x := 0\nsink = &x\n" +
            "}()\n" * n + "}\n")


@shape("types", nesting=True, doc="[][]...[]int nested type literal")
def _(n):
    return "var X " + "[]" * n + "int\n\nfunc F() any {\n\treturn X\n}\n"


@shape("array_types", nesting=True, doc="[1][1]...[1]int nested array type, boxed")
def _(n):
    return "var X " + "[1]" * n + "int\n\nfunc F() any {\n\treturn X\n}\n"


@shape("struct_types", nesting=True, doc="struct{ a struct{ a ... } } nested struct type")
def _(n):
    return ("var X " + "struct{ a " * n + "int" + " }" * n +
            "\n\nfunc F() any {\n\treturn X\n}\n")


@shape("composite", "[][]...int{{{...}}} nested composite literals", nesting=True,
       max_n=10000)
def _(n):
    return ("func F() any {\n\treturn " + "[]" * n + "int" + "{" * n + "1" + "}" * n +
            "\n}\n")


@shape("stmts", "n statements in one function")
def _(n):
    return ("var sink *int\n\nfunc F() {\n" +
            "".join("\tx%d := %d\n\tsink = &x%d\n" % (i, i, i) for i in range(n)) + "}\n")


@shape("switch", "switch of n cases")
def _(n):
    return ("func F(x int) *int {\n\tswitch x {\n" +
            "".join("\tcase %d:\n\t\treturn new(int)\n" % i for i in range(n)) +
            "\t}\n\treturn nil\n}\n")


@shape("funcs", "n functions in one package")
def _(n):
    return "".join("func F%d(p *int) *int { return p }\n\n" % i for i in range(n))


@shape("func_chain", "F0 calls F1 calls ... F(n-1): a call graph n deep (bottom-up batches)")
def _(n):
    out = ["func F%d(p *int) *int { return F%d(p) }\n\n" % (i, i + 1) for i in range(n - 1)]
    out.append("func F%d(p *int) *int { return p }\n" % (n - 1))
    return "".join(out)


# gc's solver walks from every location of a batch; in one batch of n mutually recursive
# functions each result's walk reaches every parameter: n^2, in gc as in heapmap (5 s each
# at n = 10^4), so 10^5 is not run.
@shape("func_cycle", "F0 calls F1 ... calls F0: one batch of n mutually recursive functions",
       max_n=10000)
def _(n):
    return "".join("func F%d(p *int) *int { return F%d(p) }\n\n" % (i, (i + 1) % n)
                   for i in range(n))


@shape("args", "one call with n arguments to a variadic ...any")
def _(n):
    return ("func G(xs ...any) {}\n\nfunc F(p *int) {\n\tG(" +
            ", ".join(["p"] * n) + ")\n}\n")


# ---- running

def timed(cmd, cwd, timeout, env=None):
    """(exit status or None on timeout, stdout, stderr, seconds, the child's peak RSS in MB)."""
    start = time.monotonic()
    out_f = tempfile.TemporaryFile()
    err_f = tempfile.TemporaryFile()
    full_env = dict(os.environ, **env) if env else None
    # Peak RSS through /usr/bin/time: a child's own ru_maxrss counts the pages of the
    # (large) Python process it was forked from.
    rss_file = tempfile.NamedTemporaryFile(delete=False)
    rss_file.close()
    if os.path.exists(TIME):
        cmd = [TIME, "-f", "%M", "-o", rss_file.name] + cmd
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out_f, stderr=err_f, env=full_env,
                            start_new_session=True)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid != 0:
            break
        if time.monotonic() > deadline:
            os.killpg(proc.pid, 9)  # time and what it runs
            os.wait4(proc.pid, 0)
            os.unlink(rss_file.name)
            return None, b"", b"", timeout, 0.0
        time.sleep(0.01)
    secs = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out_f.seek(0)
    err_f.seek(0)
    rss = usage.ru_maxrss / 1024.0
    try:
        with open(rss_file.name) as f:
            rss = int(f.read().strip().splitlines()[-1]) / 1024.0
    except (ValueError, IndexError, OSError):
        pass
    os.unlink(rss_file.name)
    err = err_f.read()
    if os.path.exists(TIME) and err.startswith(b"Command "):  # time's own "Command exited..."
        err = err.split(b"\n", 1)[1] if b"\n" in err else b""
    return proc.returncode, out_f.read(), err, secs, rss


def lines_of(text):
    """-m lines as a sorted list, paths without ./, package headers dropped, and gc's lines
    for generated wrappers (<autogenerated>:1: inlining call to T.M), which escape-score
    drops too."""
    out = []
    for line in text.decode("utf-8", "replace").splitlines():
        if not line or line.startswith("#") or line.startswith("<autogenerated>"):
            continue
        if line.startswith("./"):
            line = line[2:]
        out.append(line)
    return sorted(out)


def diff_summary(want, got, limit=3):
    from collections import Counter
    w, g = Counter(want), Counter(got)
    missing = list((w - g).elements())
    extra = list((g - w).elements())
    parts = []
    if missing:
        parts.append("%d missing, e.g. %s" % (len(missing), [m[:160] for m in missing[:limit]]))
    if extra:
        parts.append("%d unexpected, e.g. %s" % (len(extra), [e[:160] for e in extra[:limit]]))
    return "; ".join(parts)


SANITIZER_ENV = {
    "ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0",
    "UBSAN_OPTIONS": "halt_on_error=1:print_stacktrace=1",
    # print_suppressions=0: LeakSanitizer would otherwise list the suppressions it used on
    # stderr, which the test reads as a complaint.
    "LSAN_OPTIONS": "print_suppressions=0:suppressions=" + os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "fuzz", "lsan.supp"),
}


# The normal build runs without the package cache (HEAPMAP_CACHE=off), the sanitizer
# build with a fresh one of its own, so that keys and API texts of deep inputs run under
# the sanitizers too, and the two runs compute the same lines independently.
ANALYZE = ["analyze", "-m", "-l"]  # --inlining: no -l (and gc without -l)
GC_FLAGS = ["-m", "-l"]


def check_heapmap(binary, cwd, timeout, label, env=None):
    env = dict(env or {})
    env.setdefault("HEAPMAP_CACHE", "off")
    rc, out, err, secs, rss = timed([binary] + ANALYZE + ["x.go"], cwd, timeout, env)
    problems = []
    if rc is None:
        problems.append("%s timed out after %ds" % (label, timeout))
        return None, secs, rss, problems
    if rc != 0:
        problems.append("%s exit status %d: %s" % (label, rc, err.decode("utf-8", "replace")[-600:]))
    stderr_lines = [l for l in err.decode("utf-8", "replace").splitlines()
                    if l and not l.startswith("heapmap analyze:")]
    if stderr_lines:
        problems.append("%s stderr: %s" % (label, " | ".join(stderr_lines[:5])[:600]))
    return lines_of(out), secs, rss, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("heapmap")
    ap.add_argument("--sanitizer", default=os.environ.get("HEAPMAP_SANITIZER_BIN"),
                    help="an ASan+UBSan heapmap binary to run as well (default: "
                         "$HEAPMAP_SANITIZER_BIN; scripts/test.sh sets it to the fuzz build's)")
    ap.add_argument("--sanitizer-max", type=int, default=100000,
                    help="largest size run under the sanitizer build")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--shapes", default="", help="comma-separated subset (default: all)")
    ap.add_argument("--skip", default="", help="comma-separated shapes to leave out")
    ap.add_argument("--timeout", type=int, default=120, help="seconds for one heapmap run")
    ap.add_argument("--gc-timeout", type=int, default=60)
    ap.add_argument("--no-gc", action="store_true", help="do not compare with gc")
    ap.add_argument("--keep", help="write the inputs here and keep them")
    ap.add_argument("--no-limit", action="store_true",
                    help="do not add the depth just below the nesting limit")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--inlining", action="store_true",
                    help="analyze -m with inlining on, compared with gc -m (default: -m -l)")
    args = ap.parse_args()
    if args.inlining:
        global ANALYZE, GC_FLAGS
        ANALYZE = ["analyze", "-m"]
        GC_FLAGS = ["-m"]

    sizes = [int(s) for s in args.sizes.split(",") if s]
    names = [s for s in args.shapes.split(",") if s] or list(SHAPES)
    names = [n for n in names if n not in args.skip.split(",")]
    for name in names:
        if name not in SHAPES:
            sys.exit("unknown shape %s; shapes: %s" % (name, ", ".join(SHAPES)))
    have_gc = not args.no_gc and os.path.exists(GO)
    if not args.no_gc and not have_gc:
        print("deep_inputs: %s not found: checking heapmap alone" % GO)
    root = args.keep or tempfile.mkdtemp(prefix="heapmap-deep-")
    heapmap = os.path.abspath(args.heapmap)
    sanitizer = os.path.abspath(args.sanitizer) if args.sanitizer else None
    env_note = "sanitizer %s" % sanitizer if sanitizer else "no sanitizer build"
    print("deep_inputs: %d shapes x %s, gc %s, %s" %
          (len(names), sizes, "compared" if have_gc else "not compared", env_note))

    rows, failures = [], 0
    for name in names:
        gen, _, nesting, max_n = SHAPES[name]
        shape_sizes = [n for n in sizes if max_n is None or n <= max_n]
        if nesting and not args.no_limit and max_n is None and max(sizes) >= NEST_LIMIT:
            shape_sizes = [n for n in shape_sizes if n < NEAR_LIMIT] + [NEAR_LIMIT] + \
                [n for n in shape_sizes if n >= NEAR_LIMIT]
        for n in shape_sizes:
            d = os.path.join(root, "%s_%d" % (name, n))
            os.makedirs(d, exist_ok=True)
            src = "package p\n\n" + gen(n)
            with open(os.path.join(d, "x.go"), "w") as f:
                f.write(src)
            if nesting and n >= NEST_LIMIT:
                # Past go/parser's limit: one positioned error, exit 1, nothing else.
                rc, out, err, secs, rss = timed([heapmap] + ANALYZE + ["x.go"], d, args.timeout,
                                                {"HEAPMAP_CACHE": "off"})
                errs = [l for l in err.decode("utf-8", "replace").splitlines()
                        if l and not l.startswith("heapmap analyze:") and not l.startswith("#")]
                ok = (rc == 1 and len(errs) == 1 and
                      errs[0].endswith(": exceeded max nesting depth") and
                      errs[0].split(":")[0].endswith("x.go"))
                verdict = "ok" if ok else "FAIL"
                failures += not ok
                rows.append((name, n, verdict + " (refused: nesting limit)",
                             "%.2f s, %.0f MB" % (secs, rss), 0, "-", "-"))
                print("%-18s %7d  %-4s heapmap %6.2f s %6.0f MB  refused past the nesting "
                      "limit: %s" % (name, n, verdict, secs, rss, errs[:2]), flush=True)
                if not args.keep:
                    shutil.rmtree(d)
                continue
            got, secs, rss, problems = check_heapmap(heapmap, d, args.timeout, "heapmap")
            gc_cell = "-"
            if have_gc:
                rc, out, err, gsecs, grss = timed(
                    [GO, "tool", "compile", "-p", "p"] + GC_FLAGS + ["-o", os.devnull, "x.go"],
                    d, args.gc_timeout)
                if rc is None:
                    gc_cell = "> %d s" % args.gc_timeout
                elif rc != 0:
                    gc_cell = "fails"
                    problems.append("gc exit status %d (the shape is not valid Go?): %s" %
                                    (rc, err.decode("utf-8", "replace")[-300:]))
                else:
                    gc_cell = "%.2f s, %.0f MB" % (gsecs, grss)
                    want = lines_of(out)
                    if got is not None and got != want:
                        problems.append("heapmap's lines differ from gc's: " +
                                        diff_summary(want, got))
            san_cell = "-"
            max_n = SHAPES[name][3]
            if sanitizer and n <= args.sanitizer_max and (max_n is None or n <= max_n // 10):
                sgot, ssecs, _, sproblems = check_heapmap(
                    sanitizer, d, args.timeout * 3, "sanitizer build",
                    dict(SANITIZER_ENV, HEAPMAP_CACHE=os.path.join(d, "cache")))
                problems += sproblems
                if sgot is not None and got is not None and sgot != got:
                    problems.append("sanitizer build's lines differ: " + diff_summary(got, sgot))
                san_cell = "%.2f s" % ssecs
            verdict = "ok" if not problems else "FAIL"
            failures += bool(problems)
            lines = len(got) if got is not None else 0
            rows.append((name, n, verdict, "%.2f s, %.0f MB" % (secs, rss), lines, gc_cell,
                         san_cell))
            print("%-18s %7d  %-4s heapmap %6.2f s %6.0f MB  %6d lines  gc %-16s asan %s" %
                  (name, n, verdict, secs, rss, lines, gc_cell, san_cell), flush=True)
            for p in problems:
                print("    " + p)
            if not args.keep:
                shutil.rmtree(d)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    if args.markdown:
        print("\n| shape | n | verdict | heapmap (wall, peak RSS) | -m lines | gc (wall, peak RSS) | ASan build |")
        print("|---|---|---|---|---|---|---|")
        for r in rows:
            print("| %s | %d | %s | %s | %d | %s | %s |" % r)
    ok = len(rows) - failures
    print("%d passed, %d failed" % (ok, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
