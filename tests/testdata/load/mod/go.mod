// A module for loader tests.
module example.com/m

go 1.17

require (
	example.com/replaced v1.0.0
	github.com/Upper/lib v1.2.0 // indirect
	example.com/missing v0.1.0
)

require example.com/other v1.0.0

replace example.com/replaced => ./replaced

exclude example.com/other v0.9.0
