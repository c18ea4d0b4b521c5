package main

import "golang.org/x/mod/modfile"
