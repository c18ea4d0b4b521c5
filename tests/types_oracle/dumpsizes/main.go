// Command dumpsizes prints, for every package-level non-generic named struct type of the
// given packages, its size, alignment and field offsets as gc (Go 1.19, amd64) lays it
// out. The format and the reasoning are in ../README.md.
//
// Usage:
//
//	dumpsizes [-o FILE] [-sizes gc|gotypes] [-verify] [-pkgs FILE] patterns...
//
// Sizes are computed on go/types' type-checked packages with a port of
// cmd/compile/internal/noder/sizes.go (-sizes gc, the default) or with
// types.SizesFor("gc", "amd64") (-sizes gotypes, which differs; kept for comparison).
// -verify checks them against the compiled code (std packages only): in a copy of
// GOROOT/src it adds a file to every package whose init prints each type's layout measured at run time by pointer
// arithmetic (&a[1]-&a[0], &s.t-&s for struct{byte; T}, &v.f-&v), builds a program
// importing the packages, runs it and reports every difference; exit 1 if any.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
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
	flagOut    = flag.String("o", "", "write the dump to `FILE` (default stdout)")
	flagSizes  = flag.String("sizes", "gc", "gc (= cmd/compile) or gotypes (types.SizesFor)")
	flagVerify = flag.Bool("verify", false, "check the sizes against gc-compiled code (slow: builds the packages)")
	flagPkgs   = flag.String("pkgs", "", "read more patterns, one per line, from `FILE`")
	flagKeep   = flag.Bool("keep", false, "with -verify: keep the generated files (the directory is printed)")
)

var gobin = "/usr/lib/go-1.19/bin/go"

type listPkg struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
	ImportMap  map[string]string
	DepOnly    bool
	Error      *struct{ Err string }

	deps  []string
	done  chan struct{}
	types *types.Package
}

// structType is one dumped type.
type structType struct {
	pkg     *listPkg
	name    string // type name in its package
	size    int64
	align   int64
	fields  []string // field names to measure at run time, "" if not selectable
	offsets []int64
}

func (t *structType) key() string { return t.pkg.ImportPath + "." + t.name }

func (t *structType) line() string {
	offs := make([]string, len(t.offsets))
	for i, o := range t.offsets {
		offs[i] = strconv.FormatInt(o, 10)
	}
	return fmt.Sprintf("%s\t%d\t%d\t%s", t.key(), t.size, t.align, strings.Join(offs, ","))
}

func main() {
	flag.Parse()
	if g := os.Getenv("GO"); g != "" {
		gobin = g
	}
	patterns := flag.Args()
	if *flagPkgs != "" {
		data, err := os.ReadFile(*flagPkgs)
		check(err)
		patterns = append(patterns, strings.Fields(string(data))...)
	}
	if len(patterns) == 0 {
		fmt.Fprintln(os.Stderr, "usage: dumpsizes [flags] patterns...")
		os.Exit(2)
	}
	var sizes types.Sizes = gcSizes{}
	if *flagSizes == "gotypes" {
		sizes = types.SizesFor("gc", "amd64")
	}
	pkgs, order := goList(patterns)
	typeCheck(pkgs, order, sizes)

	var all []*structType
	for _, p := range order {
		if p.DepOnly || p.types == nil || p.Error != nil || p.ImportPath == "unsafe" {
			continue
		}
		scope := p.types.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok || named.TypeParams().Len() > 0 {
				continue
			}
			st, ok := named.Underlying().(*types.Struct)
			if !ok {
				continue
			}
			t := &structType{pkg: p, name: name, size: sizes.Sizeof(named), align: sizes.Alignof(named)}
			vars := make([]*types.Var, st.NumFields())
			for i := range vars {
				vars[i] = st.Field(i)
				// "_" and unexported fields of a struct type from another package
				// (type T otherpkg.S) cannot be selected: "" = not measurable.
				f := vars[i]
				if f.Name() == "_" || !f.Exported() && f.Pkg() != p.types {
					t.fields = append(t.fields, "")
				} else {
					t.fields = append(t.fields, f.Name())
				}
			}
			t.offsets = sizes.Offsetsof(vars)
			all = append(all, t)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].key() < all[j].key() })

	out := io.Writer(os.Stdout)
	if *flagOut != "" {
		f, err := os.Create(*flagOut)
		check(err)
		defer f.Close()
		out = f
	}
	w := bufio.NewWriter(out)
	for _, t := range all {
		fmt.Fprintln(w, t.line())
	}
	check(w.Flush())
	fmt.Fprintf(os.Stderr, "dumpsizes: %d struct types\n", len(all))
	if *flagVerify && !verify(all) {
		os.Exit(1)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "dumpsizes:", err)
		os.Exit(1)
	}
}

func goList(patterns []string) (map[string]*listPkg, []*listPkg) {
	args := append([]string{"list", "-e", "-deps", "-json=ImportPath,Name,Dir,GoFiles,ImportMap,Imports,DepOnly,Error"}, patterns...)
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

// typeCheck checks all packages from source, dependencies first, two at a time.
func typeCheck(pkgs map[string]*listPkg, order []*listPkg, sizes types.Sizes) {
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
			if p.ImportPath == "unsafe" {
				p.types = types.Unsafe
				return
			}
			var files []*ast.File
			for _, name := range p.GoFiles {
				if f, _ := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0); f != nil {
					files = append(files, f)
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
				Error: func(error) {},
			}
			p.types, _ = conf.Check(p.ImportPath, fset, files, nil)
		}(p)
	}
	wg.Wait()
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// verify measures the types in gc-compiled code and compares; it reports whether all agree.
func verify(all []*structType) bool {
	tmp, err := os.MkdirTemp("", "dumpsizes")
	check(err)
	if *flagKeep {
		fmt.Fprintln(os.Stderr, "dumpsizes: generated files in", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	// The generated files go into a copy of GOROOT/src (go build -overlay is not used: with
	// Go 1.19 running as root, building std packages through an overlay deleted /dev/null).
	out, err := exec.Command(gobin, "env", "GOROOT").Output()
	check(err)
	goroot := strings.TrimSpace(string(out))
	newRoot := filepath.Join(tmp, "goroot")
	check(os.MkdirAll(newRoot, 0o755))
	for _, name := range []string{"VERSION", "pkg", "bin", "misc", "api", "test"} {
		check(os.Symlink(filepath.Join(goroot, name), filepath.Join(newRoot, name)))
	}
	cp := exec.Command("cp", "-a", filepath.Join(goroot, "src")+"/.", filepath.Join(newRoot, "src"))
	cp.Stderr = os.Stderr
	check(os.MkdirAll(filepath.Join(newRoot, "src"), 0o755))
	check(cp.Run())
	srcRoot := filepath.Join(goroot, "src") + string(filepath.Separator)

	byPkg := map[*listPkg][]*structType{}
	var pkgOrder []*listPkg
	for _, t := range all {
		if t.size > 1<<28 || !strings.HasPrefix(t.pkg.Dir, srcRoot) { // too big to link; not std
			continue
		}
		if byPkg[t.pkg] == nil {
			pkgOrder = append(pkgOrder, t.pkg)
		}
		byPkg[t.pkg] = append(byPkg[t.pkg], t)
	}
	var main bytes.Buffer
	main.WriteString("package main\n\nimport (\n")
	for _, p := range pkgOrder {
		var b bytes.Buffer
		fmt.Fprintf(&b, "package %s\n\nimport heapmapUnsafe \"unsafe\"\n\n", p.Name)
		for j, t := range byPkg[p] {
			fmt.Fprintf(&b, "var heapmapV%d %s\nvar heapmapA%d [2]%s\nvar heapmapS%d struct {\n\tb byte\n\tt %s\n}\n", j, t.name, j, t.name, j, t.name)
		}
		b.WriteString("\nfunc heapmapAddr(p heapmapUnsafe.Pointer) uintptr { return uintptr(p) }\n\nfunc init() {\n")
		for j, t := range byPkg[p] {
			fmt.Fprintf(&b, "\tprintln(\"heapmap-sizes\", %q, heapmapAddr(heapmapUnsafe.Pointer(&heapmapA%d[1]))-heapmapAddr(heapmapUnsafe.Pointer(&heapmapA%d[0])), "+
				"heapmapAddr(heapmapUnsafe.Pointer(&heapmapS%d.t))-heapmapAddr(heapmapUnsafe.Pointer(&heapmapS%d))", t.key(), j, j, j, j)
			for _, f := range t.fields {
				if f == "" {
					b.WriteString(", \"?\"")
				} else {
					fmt.Fprintf(&b, ", heapmapAddr(heapmapUnsafe.Pointer(&heapmapV%d.%s))-heapmapAddr(heapmapUnsafe.Pointer(&heapmapV%d))", j, f, j)
				}
			}
			b.WriteString(")\n")
		}
		b.WriteString("}\n")
		gen := filepath.Join(newRoot, "src", strings.TrimPrefix(p.Dir, srcRoot), "zz_heapmap_sizes.go")
		check(os.WriteFile(gen, b.Bytes(), 0o644))
		if p.Name != "main" && !isInternal(p.ImportPath) {
			fmt.Fprintf(&main, "\t_ %q\n", p.ImportPath)
		}
	}
	main.WriteString(")\n\nfunc main() {}\n")
	mainDir := filepath.Join(tmp, "src", "heapmapsizes")
	check(os.MkdirAll(mainDir, 0o755))
	check(os.WriteFile(filepath.Join(mainDir, "main.go"), main.Bytes(), 0o644))
	bin := filepath.Join(tmp, "heapmapsizes")
	build := exec.Command(filepath.Join(goroot, "bin", "go"), "build", "-o", bin, ".")
	build.Dir = mainDir
	build.Env = append(os.Environ(), "GO111MODULE=off", "GOPATH="+tmp, "GOROOT="+newRoot)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "dumpsizes: build failed:", err)
		return false
	}
	var stderr bytes.Buffer
	run := exec.Command(bin)
	run.Stderr = &stderr
	if err := run.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "dumpsizes: run failed:", err)
		return false
	}
	measured := map[string][]string{}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if f := strings.Fields(l); len(f) >= 4 && f[0] == "heapmap-sizes" {
			measured[f[1]] = f[2:]
		}
	}
	ok := true
	nver := 0
	for _, p := range pkgOrder {
		for _, t := range byPkg[p] {
			m := measured[t.key()]
			if m == nil {
				continue
			}
			nver++
			want := []string{strconv.FormatInt(t.size, 10), strconv.FormatInt(t.align, 10)}
			for _, o := range t.offsets {
				want = append(want, strconv.FormatInt(o, 10))
			}
			for i := range want {
				if m[i] != "?" && m[i] != want[i] {
					fmt.Fprintf(os.Stderr, "dumpsizes: MISMATCH %s: computed %v, compiled code %v\n", t.key(), want, m)
					ok = false
					break
				}
			}
		}
	}
	fmt.Fprintf(os.Stderr, "dumpsizes: verified %d of %d types against gc-compiled code (the others are in packages not linked into the program), %s\n",
		nver, len(all), map[bool]string{true: "all agree", false: "MISMATCHES"}[ok])
	return ok
}

func isInternal(path string) bool {
	return strings.HasPrefix(path, "internal/") || strings.Contains(path, "/internal/") ||
		strings.HasSuffix(path, "/internal") || strings.HasPrefix(path, "vendor/")
}

// gcSizes: the same port of cmd/compile/internal/noder/sizes.go as in ../dumptypes.
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
		}
		return ptrSize
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
	return ptrSize
}
