// Command dumptypes is the go/types side of heapmap's type-checker oracle: it type-checks
// packages from source with go/types (Go 1.19) and prints, one TSV line per recorded
// expression, what go/types computed. The format is specified in ../README.md.
//
// Usage:
//
//	dumptypes [-root DIRS] [-o FILE] [-objects] [-errors FILE] [-sizes gc|gotypes] [-pkgs FILE] patterns...
//
// Packages are found with `go list -e -deps -json` (the go binary is $GO, else
// /usr/lib/go-1.19/bin/go; GOPATH, GO111MODULE, CGO_ENABLED... are taken from the
// environment) and checked in dependency order, dependencies from source too. Only the
// packages matching the patterns are dumped; test files are never included.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
)

var (
	flagRoot    = flag.String("root", "", "print file paths relative to the first of these `DIRS` (list like $PATH) containing them (default: $GOROOT/src and each $GOPATH/src of the go command)")
	flagOut     = flag.String("o", "", "write the dump to `FILE` (default stdout)")
	flagObjects = flag.Bool("objects", false, "dump Defs/Uses identifiers instead of expressions")
	flagErrors  = flag.String("errors", "", "write go/types errors of the dumped packages to `FILE`")
	flagSizes   = flag.String("sizes", "gc", "sizes for unsafe.Sizeof & co: gc (= cmd/compile) or gotypes (types.SizesFor)")
	flagPkgs    = flag.String("pkgs", "", "read more patterns, one per line, from `FILE`")
)

// listPkg is the part of `go list -json` output we use.
type listPkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	ImportMap  map[string]string
	DepOnly    bool
	Error      *struct{ Err string }

	deps  []string      // resolved import paths
	done  chan struct{} // closed when types is set
	types *types.Package
	lines []line
	errs  []string
}

// line is one output record: its sort key and its text.
type line struct {
	file           string
	l1, c1, l2, c2 int
	role, text     string
}

func main() {
	flag.Parse()
	patterns := flag.Args()
	if *flagPkgs != "" {
		data, err := os.ReadFile(*flagPkgs)
		check(err)
		for _, p := range strings.Fields(string(data)) {
			patterns = append(patterns, p)
		}
	}
	if len(patterns) == 0 {
		fmt.Fprintln(os.Stderr, "usage: dumptypes [flags] patterns...")
		os.Exit(2)
	}
	var sizes types.Sizes = gcSizes{}
	if *flagSizes == "gotypes" {
		sizes = types.SizesFor("gc", "amd64")
	}

	gobin := os.Getenv("GO")
	if gobin == "" {
		gobin = "/usr/lib/go-1.19/bin/go"
	}
	setRoots(gobin)
	pkgs, order := goList(gobin, patterns)
	fset := token.NewFileSet()
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, p := range order {
		wg.Add(1)
		go func(p *listPkg) {
			defer wg.Done()
			defer close(p.done)
			for _, d := range p.deps {
				if q := pkgs[d]; q != nil {
					<-q.done
				}
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			checkPackage(fset, p, pkgs, sizes)
		}(p)
	}
	wg.Wait()

	var all []line
	var errs []string
	npkgs := 0
	for _, p := range order {
		if !p.DepOnly {
			npkgs++
			all = append(all, p.lines...)
			errs = append(errs, p.errs...)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := &all[i], &all[j]
		switch {
		case a.file != b.file:
			return a.file < b.file
		case a.l1 != b.l1:
			return a.l1 < b.l1
		case a.c1 != b.c1:
			return a.c1 < b.c1
		case a.l2 != b.l2:
			return a.l2 < b.l2
		case a.c2 != b.c2:
			return a.c2 < b.c2
		case a.role != b.role:
			return a.role < b.role
		}
		return a.text < b.text
	})
	out := io.Writer(os.Stdout)
	if *flagOut != "" {
		f, err := os.Create(*flagOut)
		check(err)
		defer f.Close()
		out = f
	}
	w := bufio.NewWriterSize(out, 1<<20)
	for i := range all {
		w.WriteString(all[i].text)
		w.WriteByte('\n')
	}
	check(w.Flush())
	if *flagErrors != "" {
		check(os.WriteFile(*flagErrors, []byte(strings.Join(errs, "")), 0o644))
	}
	fmt.Fprintf(os.Stderr, "dumptypes: %d packages, %d lines, %d type errors\n", npkgs, len(all), len(errs))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "dumptypes:", err)
		os.Exit(1)
	}
}

// goList runs `go list -e -deps -json` and returns the packages by import path and in
// the go command's order (dependencies first).
func goList(gobin string, patterns []string) (map[string]*listPkg, []*listPkg) {
	args := append([]string{"list", "-e", "-deps", "-json=ImportPath,Dir,GoFiles,ImportMap,Imports,DepOnly,Error"}, patterns...)
	cmd := exec.Command(gobin, args...)
	cmd.Stderr = os.Stderr
	data, err := cmd.Output()
	check(err)
	pkgs := map[string]*listPkg{}
	var order []*listPkg
	dec := json.NewDecoder(bytes.NewReader(data))
	for dec.More() {
		var raw struct {
			listPkg
			Imports []string
		}
		check(dec.Decode(&raw))
		p := new(listPkg)
		*p = raw.listPkg
		p.done = make(chan struct{})
		for _, imp := range raw.Imports {
			if m, ok := p.ImportMap[imp]; ok {
				imp = m
			}
			p.deps = append(p.deps, imp)
		}
		if pkgs[p.ImportPath] == nil {
			pkgs[p.ImportPath] = p
			order = append(order, p)
		}
	}
	return pkgs, order
}

func checkPackage(fset *token.FileSet, p *listPkg, pkgs map[string]*listPkg, sizes types.Sizes) {
	if p.ImportPath == "unsafe" {
		p.types = types.Unsafe
		return
	}
	var files []*ast.File
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
		if list, ok := err.(scanner.ErrorList); ok {
			for _, e := range list {
				p.errs = append(p.errs, fmt.Sprintf("%s: %s\n", relPos(e.Pos), e.Msg))
			}
		} else if err != nil {
			p.errs = append(p.errs, err.Error()+"\n")
		}
		if f != nil {
			files = append(files, f)
		}
	}
	var info *types.Info
	if !p.DepOnly {
		info = &types.Info{
			Types: map[ast.Expr]types.TypeAndValue{},
			Defs:  map[*ast.Ident]types.Object{},
			Uses:  map[*ast.Ident]types.Object{},
		}
	}
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			if m, ok := p.ImportMap[path]; ok {
				path = m
			}
			if q := pkgs[path]; q != nil && q.types != nil {
				return q.types, nil
			}
			return nil, fmt.Errorf("package %q not found", path)
		}),
		Sizes: sizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok && !p.DepOnly {
				p.errs = append(p.errs, fmt.Sprintf("%s: %s\n", relPos(fset.PositionFor(te.Pos, false)), te.Msg))
			}
		},
	}
	p.types, _ = conf.Check(p.ImportPath, fset, files, info)
	if info == nil {
		return
	}
	d := dumper{fset: fset, info: info, strs: map[ast.Expr]strSum{}}
	if *flagObjects {
		for id, obj := range info.Defs {
			p.lines = append(p.lines, d.object(id, "def", obj))
		}
		for id, obj := range info.Uses {
			p.lines = append(p.lines, d.object(id, "use", obj))
		}
	} else {
		// go/types records a synthetic BasicLit "1" (positioned at X) for every x++ and
		// x--; only expressions that are in the source are dumped.
		inSource := map[ast.Expr]bool{}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				if e, ok := n.(ast.Expr); ok {
					inSource[e] = true
				}
				return true
			})
		}
		for e, tv := range info.Types {
			if inSource[e] {
				p.lines = append(p.lines, d.expr(e, tv))
			}
		}
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

type dumper struct {
	fset *token.FileSet
	info *types.Info
	strs map[ast.Expr]strSum // see strSum
}

// qualifier prints every package by its full import path.
func qualifier(p *types.Package) string { return p.Path() }

var escaper = strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`)

func (d dumper) pos(p token.Pos) (string, int, int) {
	pos := d.fset.PositionFor(p, false) // unadjusted: //line directives are ignored
	return relFile(pos.Filename), pos.Line, pos.Column
}

var roots []string // see -root

// relFile makes a file name relative to the first root containing it, if any.
func relFile(file string) string {
	for _, root := range roots {
		if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return file
}

// setRoots sets roots from -root or from `go env GOROOT GOPATH`.
func setRoots(gobin string) {
	list := *flagRoot
	if list == "" {
		out, err := exec.Command(gobin, "env", "GOROOT", "GOPATH").Output()
		check(err)
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		var dirs []string
		for i, l := range lines {
			for _, d := range filepath.SplitList(l) {
				if d != "" && (i == 0 || d != lines[0]) {
					dirs = append(dirs, filepath.Join(d, "src"))
				}
			}
		}
		list = strings.Join(dirs, string(filepath.ListSeparator))
	}
	for _, d := range filepath.SplitList(list) {
		if abs, err := filepath.Abs(d); err == nil {
			roots = append(roots, abs)
		}
	}
}

// relPos prints an error position as file:line:col, the file relative to -root.
func relPos(pos token.Position) string {
	return fmt.Sprintf("%s:%d:%d", relFile(pos.Filename), pos.Line, pos.Column)
}

// mode maps a TypeAndValue to its mode word; the order of the tests matters.
func mode(tv types.TypeAndValue) string {
	switch {
	case tv.IsVoid():
		return "novalue"
	case tv.IsBuiltin():
		return "builtin"
	case tv.IsType():
		return "type"
	case tv.Value != nil:
		return "constant"
	case tv.IsNil():
		return "nil"
	case tv.Addressable():
		return "variable"
	case tv.Assignable(): // assignable but not addressable: a map index expression
		return "mapindex"
	case tv.HasOk():
		return "commaok"
	case tv.IsValue():
		return "value"
	}
	return "invalid"
}

func typeString(t types.Type) string {
	if t == nil {
		return "<nil>"
	}
	return escaper.Replace(types.TypeString(t, qualifier))
}

func (d dumper) expr(e ast.Expr, tv types.TypeAndValue) line {
	file, l1, c1 := d.pos(e.Pos())
	_, l2, c2 := d.pos(e.End())
	val := ""
	if tv.Value != nil {
		val = d.valueString(e, tv.Value)
	}
	text := fmt.Sprintf("%s\t%d:%d\t%d:%d\t%s\t%s\t%s\t%T", file, l1, c1, l2, c2, mode(tv), typeString(tv.Type), val, e)
	return line{file: file, l1: l1, c1: c1, l2: l2, c2: c2, text: text}
}

// maxString is the longest string constant printed in full; longer ones are summarized
// as len=N fnv1a64=HEX (FNV-1a 64-bit hash of the raw bytes, 16 lowercase hex digits),
// because chains like "a" + "b" + ... (time/tzdata) would make the dump quadratic.
const maxString = 100

func (d dumper) valueString(e ast.Expr, v constant.Value) string {
	if v.Kind() != constant.String {
		return escaper.Replace(v.ExactString())
	}
	sum := d.strSum(e, v)
	if sum.n > maxString {
		return fmt.Sprintf("len=%d fnv1a64=%016x", sum.n, sum.h)
	}
	return escaper.Replace(strconv.Quote(sum.s)) // = ExactString
}

// strSum is a string constant's length, FNV-1a state and (if short) value.
type strSum struct {
	n int
	h uint64
	s string
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// strSum summarizes the string constant e without flattening every partial sum of a
// chain x + y + z (go/constant concatenates lazily and caches the flattened string in
// each value it is asked for, which is quadratic): x + y extends x's summary by y.
func (d dumper) strSum(e ast.Expr, v constant.Value) strSum {
	if sum, ok := d.strs[e]; ok {
		return sum
	}
	isString := func(e ast.Expr) (constant.Value, bool) {
		tv, ok := d.info.Types[e]
		return tv.Value, ok && tv.Value != nil && tv.Value.Kind() == constant.String
	}
	var sum strSum
	if p, ok := e.(*ast.ParenExpr); ok {
		if xv, ok := isString(p.X); ok {
			sum = d.strSum(p.X, xv)
			d.strs[e] = sum
			return sum
		}
	}
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		xv, okx := isString(b.X)
		yv, oky := isString(b.Y)
		if okx && oky {
			x, y := d.strSum(b.X, xv), constant.StringVal(yv)
			sum = strSum{n: x.n + len(y), h: fnvAdd(x.h, y)}
			if sum.n <= maxString {
				sum.s = x.s + y
			}
			d.strs[e] = sum
			return sum
		}
	}
	s := constant.StringVal(v)
	sum = strSum{n: len(s), h: fnvAdd(fnvOffset, s)}
	if sum.n <= maxString {
		sum.s = s
	}
	d.strs[e] = sum
	return sum
}

// objKind names an object's kind: const type var field func method pkgname label builtin nil.
func objKind(obj types.Object) string {
	switch o := obj.(type) {
	case *types.Const:
		return "const"
	case *types.TypeName:
		return "type"
	case *types.Var:
		if o.IsField() {
			return "field"
		}
		return "var"
	case *types.Func:
		if o.Type().(*types.Signature).Recv() != nil {
			return "method"
		}
		return "func"
	case *types.PkgName:
		return "pkgname"
	case *types.Label:
		return "label"
	case *types.Builtin:
		return "builtin"
	case *types.Nil:
		return "nil"
	}
	return fmt.Sprintf("%T", obj)
}

func (d dumper) object(id *ast.Ident, role string, obj types.Object) line {
	file, l, c := d.pos(id.Pos())
	if obj == nil { // package name in the package clause, symbolic type-switch variable
		text := fmt.Sprintf("%s\t%d:%d\t%s\t-\t%s\t-\t-", file, l, c, role, id.Name)
		return line{file: file, l1: l, c1: c, role: role, text: text}
	}
	decl := "-"
	if obj.Pos().IsValid() {
		f, dl, dc := d.pos(obj.Pos())
		decl = fmt.Sprintf("%s:%d:%d", f, dl, dc)
	}
	typ := "-"
	switch obj.(type) {
	case *types.PkgName, *types.Label, *types.Builtin:
	default:
		typ = typeString(obj.Type())
	}
	text := fmt.Sprintf("%s\t%d:%d\t%s\t%s\t%s\t%s\t%s", file, l, c, role, objKind(obj), obj.Name(), typ, decl)
	return line{file: file, l1: l, c1: c, role: role, text: text}
}

// gcSizes is cmd/compile/internal/noder/sizes.go (Go 1.19) for amd64, ported to go/types:
// the sizes gc uses for unsafe.Sizeof/Alignof/Offsetof. It differs from
// types.SizesFor("gc", "amd64"): structs are padded to their alignment, a final
// zero-sized field of a non-empty struct counts as one byte, and arrays are elem*len.
type gcSizes struct{}

const ptrSize, regSize = 8, 8

func (s gcSizes) Alignof(T types.Type) int64 {
	switch t := T.Underlying().(type) {
	case *types.Array:
		return s.Alignof(t.Elem())
	case *types.Struct:
		if t.NumFields() == 0 && isSyncAtomicAlign64(T) {
			return 8
		}
		max := int64(1)
		for i, nf := 0, t.NumFields(); i < nf; i++ {
			if a := s.Alignof(t.Field(i).Type()); a > max {
				max = a
			}
		}
		return max
	case *types.Slice, *types.Interface:
		return ptrSize
	case *types.Basic:
		if t.Info()&types.IsString != 0 {
			return ptrSize
		}
	}
	a := s.Sizeof(T)
	if a < 1 {
		return 1
	}
	if b, ok := T.Underlying().(*types.Basic); ok && b.Info()&types.IsComplex != 0 {
		a /= 2
	}
	if a > regSize {
		return regSize
	}
	return a
}

func isSyncAtomicAlign64(T types.Type) bool {
	named, ok := T.(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj.Name() == "align64" && obj.Pkg() != nil &&
		(obj.Pkg().Path() == "sync/atomic" || obj.Pkg().Path() == "runtime/internal/atomic")
}

func rnd(o, r int64) int64 { return (o + r - 1) &^ (r - 1) }

func (s gcSizes) Offsetsof(fields []*types.Var) []int64 {
	offsets := make([]int64, len(fields))
	var o int64
	for i, f := range fields {
		o = rnd(o, s.Alignof(f.Type()))
		offsets[i] = o
		o += s.Sizeof(f.Type())
	}
	return offsets
}

var basicSizes = [...]byte{
	types.Invalid: 1, types.Bool: 1, types.Int8: 1, types.Int16: 2, types.Int32: 4,
	types.Int64: 8, types.Uint8: 1, types.Uint16: 2, types.Uint32: 4, types.Uint64: 8,
	types.Float32: 4, types.Float64: 8, types.Complex64: 8, types.Complex128: 16,
}

func (s gcSizes) Sizeof(T types.Type) int64 {
	switch t := T.Underlying().(type) {
	case *types.Basic:
		k := t.Kind()
		if int(k) < len(basicSizes) && basicSizes[k] > 0 {
			return int64(basicSizes[k])
		}
		switch k {
		case types.String:
			return 2 * ptrSize
		case types.Int, types.Uint, types.Uintptr, types.UnsafePointer:
			return ptrSize
		}
		return ptrSize // untyped kinds: not reached for valid code
	case *types.Array:
		if t.Len() <= 0 {
			return 0
		}
		return s.Sizeof(t.Elem()) * t.Len()
	case *types.Slice:
		return 3 * ptrSize
	case *types.Struct:
		n := t.NumFields()
		if n == 0 {
			return 0
		}
		fields := make([]*types.Var, n)
		for i := range fields {
			fields[i] = t.Field(i)
		}
		offsets := s.Offsetsof(fields)
		last := s.Sizeof(fields[n-1].Type())
		if last == 0 && offsets[n-1] > 0 {
			last = 1
		}
		return rnd(offsets[n-1]+last, s.Alignof(t))
	case *types.Interface:
		return 2 * ptrSize
	}
	return ptrSize // chan, map, pointer, func
}
