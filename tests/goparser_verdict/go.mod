module heapmap/tests/goparser_verdict

go 1.19
