module example.com/gen10

go 1.19
