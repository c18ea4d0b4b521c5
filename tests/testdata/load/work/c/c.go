package c

import "example.com/ext"

func C() string { return ext.Ext }
