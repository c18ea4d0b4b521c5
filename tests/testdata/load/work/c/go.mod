module example.com/c

go 1.18

require example.com/ext v1.0.0

replace example.com/ext => ../ext-old
