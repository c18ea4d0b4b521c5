module heapmap/bench/goparser

go 1.19
