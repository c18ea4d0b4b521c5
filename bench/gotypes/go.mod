module heapmap/bench/gotypes

go 1.19
