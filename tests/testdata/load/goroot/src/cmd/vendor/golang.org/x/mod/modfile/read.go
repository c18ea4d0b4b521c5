package modfile
