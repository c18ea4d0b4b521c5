module example.com/gen4
go 1.19
