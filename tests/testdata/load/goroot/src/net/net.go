package net

import (
	"errors"
	"golang.org/x/net/dns/dnsmessage"
)
