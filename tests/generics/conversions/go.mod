module example.com/gen5
go 1.19
