// bench/gotypes: the go/types side of bench/run_check_bench.sh — type-check packages
// (and all their dependencies) from source with Go 1.19's go/parser and go/types.
//
// Usage: gotypes [-j N] patterns...
//
// Packages come from `go list -e -deps -json` (the go binary is $GO, else
// /usr/lib/go-1.19/bin/go), are parsed with go/parser and checked with go/types in
// dependency order, recording a full types.Info (Types, Defs, Uses, Implicits,
// Selections, Scopes, Instances) for every package, as `heapmap check` does. -j 1 checks
// one package after another in `go list` order; -j N > 1 runs up to N packages at a time,
// each as soon as its imports are done (a package's files are parsed inside its task).
// Loading code adapted from tests/types_oracle/dumptypes. Prints the package count,
// type-error count and phase times on stderr; exit 1 on any type error.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

var flagJ = flag.Int("j", 1, "packages checked at a time")

type listPkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	ImportMap  map[string]string
	Error      *struct{ Err string }

	deps  []string
	done  chan struct{}
	types *types.Package
	nerr  int
}

func main() {
	flag.Parse()
	start := time.Now()
	gobin := os.Getenv("GO")
	if gobin == "" {
		gobin = "/usr/lib/go-1.19/bin/go"
	}
	pkgs, order := goList(gobin, flag.Args())
	listed := time.Now()
	fset := token.NewFileSet()
	if *flagJ <= 1 {
		for _, p := range order {
			checkPackage(fset, p, pkgs)
		}
	} else {
		sem := make(chan struct{}, *flagJ)
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
				checkPackage(fset, p, pkgs)
			}(p)
		}
		wg.Wait()
	}
	end := time.Now()
	nerr := 0
	for _, p := range order {
		nerr += p.nerr
	}
	fmt.Fprintf(os.Stderr, "gotypes: %d packages, %d type errors, go list %.2f s, parse+check %.2f s, -j %d\n",
		len(order), nerr, listed.Sub(start).Seconds(), end.Sub(listed).Seconds(), *flagJ)
	if nerr > 0 {
		os.Exit(1)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gotypes:", err)
		os.Exit(2)
	}
}

// goList runs `go list -e -deps -json`: the packages by import path and in dependency order.
func goList(gobin string, patterns []string) (map[string]*listPkg, []*listPkg) {
	args := append([]string{"list", "-e", "-deps", "-json=ImportPath,Dir,GoFiles,ImportMap,Imports,Error"}, patterns...)
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

var errCount int64

func checkPackage(fset *token.FileSet, p *listPkg, pkgs map[string]*listPkg) {
	if p.ImportPath == "unsafe" {
		p.types = types.Unsafe
		return
	}
	var files []*ast.File
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			p.nerr++
			fmt.Fprintln(os.Stderr, err)
		}
		if f != nil {
			files = append(files, f)
		}
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
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
		Sizes: types.SizesFor("gc", "amd64"),
		Error: func(err error) {
			p.nerr++
			atomic.AddInt64(&errCount, 1)
			if p.nerr <= 5 {
				fmt.Fprintln(os.Stderr, err)
			}
		},
	}
	p.types, _ = conf.Check(p.ImportPath, fset, files, info)
	_ = info // dropped, as heapmap check drops its Info
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
