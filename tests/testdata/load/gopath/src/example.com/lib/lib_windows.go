package lib

import "syscall"
