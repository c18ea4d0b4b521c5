module example.com/gen6
go 1.19
