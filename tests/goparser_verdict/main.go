// tests/goparser_verdict — what Go's go/parser says of each file: accepted or rejected,
// with its first error. Used by tests/parser_agreement.py; Go is a test dependency only.
//
// Usage: goparser_verdict FILE...   (or -files LIST, one path a line)
// Prints one line a file: "PATH\tok" or "PATH\terror\tLINE:COL: MESSAGE".
package main

import (
	"bufio"
	"flag"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"strings"
)

func main() {
	list := flag.String("files", "", "file with one path a line")
	flag.Parse()
	paths := flag.Args()
	if *list != "" {
		f, err := os.Open(*list)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if sc.Text() != "" {
				paths = append(paths, sc.Text())
			}
		}
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, p := range paths {
		fset := token.NewFileSet()
		_, err := parser.ParseFile(fset, p, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err == nil {
			fmt.Fprintf(out, "%s\tok\n", p)
			continue
		}
		msg := err.Error()
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
			e := list[0]
			msg = fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
		}
		fmt.Fprintf(out, "%s\terror\t%s\n", p, strings.ReplaceAll(msg, "\n", " "))
	}
}
