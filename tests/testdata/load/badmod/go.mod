module example.com/bad

go 1.17

require example.com/x
frobnicate all
