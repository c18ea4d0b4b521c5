package lib

// +build ignore
