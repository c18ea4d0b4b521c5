package lib

import "testing"
