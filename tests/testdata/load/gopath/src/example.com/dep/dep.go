package dep

import "this/does/not/exist"
