// bench/goparser — Go's own go/parser over a list of files, for comparison with
// heapmap's parser in the same run (bench/run_parse_bench.sh).
//
// Usage: goparser -files LIST [-j N] [-mode fast|default] [-min-time 3s]
// LIST holds one path a line. Sources are read into memory first; only parsing is
// timed. Prints one line: "go/parser mode=... j=N files=... MB=... MB/s=... iterations=..."
package main

import (
	"bufio"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"sync"
	"time"
)

func main() {
	list := flag.String("files", "", "file with one Go source path per line")
	jobs := flag.Int("j", 1, "parallel workers")
	mode := flag.String("mode", "fast", "fast: ParseComments|SkipObjectResolution; default: ParseComments")
	minTime := flag.Duration("min-time", 3*time.Second, "keep iterating at least this long")
	flag.Parse()

	f, err := os.Open(*list)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var paths []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sc.Text() != "" {
			paths = append(paths, sc.Text())
		}
	}
	srcs := make([][]byte, len(paths))
	total := 0
	for i, p := range paths {
		srcs[i], err = os.ReadFile(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		total += len(srcs[i])
	}
	pmode := parser.ParseComments
	if *mode == "fast" {
		pmode |= parser.SkipObjectResolution
	}

	parseAll := func() {
		var wg sync.WaitGroup
		next := make(chan int, len(srcs))
		for i := range srcs {
			next <- i
		}
		close(next)
		for w := 0; w < *jobs; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					fset := token.NewFileSet()
					if _, err := parser.ParseFile(fset, paths[i], srcs[i], pmode); err != nil {
						fmt.Fprintln(os.Stderr, err)
						os.Exit(1)
					}
				}
			}()
		}
		wg.Wait()
	}

	parseAll() // warm-up
	start := time.Now()
	iterations := 0
	for time.Since(start) < *minTime {
		parseAll()
		iterations++
	}
	elapsed := time.Since(start).Seconds()
	mb := float64(total) / 1e6
	fmt.Printf("go/parser mode=%s j=%d files=%d MB=%.2f MB/s=%.1f iterations=%d\n",
		*mode, *jobs, len(paths), mb, mb*float64(iterations)/elapsed, iterations)
}
