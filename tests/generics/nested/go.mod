module example.com/gen9

go 1.19
