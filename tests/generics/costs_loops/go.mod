module example.com/gen7
go 1.19
