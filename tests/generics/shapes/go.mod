module example.com/gen2
go 1.19
