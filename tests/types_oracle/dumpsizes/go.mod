module heapmap/tests/types_oracle/dumpsizes

go 1.19
