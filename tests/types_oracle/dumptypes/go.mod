module heapmap/tests/types_oracle/dumptypes

go 1.19
