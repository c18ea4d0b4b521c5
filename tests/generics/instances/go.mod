module example.com/gen3
go 1.19
