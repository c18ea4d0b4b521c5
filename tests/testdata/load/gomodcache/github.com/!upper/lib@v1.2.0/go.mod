module github.com/Upper/lib

go 1.18
