package sub

import "example.com/m"
