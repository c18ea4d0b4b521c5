package main

import "example.com/a"

func main() { println(a.A()) }
