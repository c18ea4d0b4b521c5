module example.com/v

go 1.17

require example.com/dep v1.0.0
