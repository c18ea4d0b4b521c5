package modcompat

import "example.com/versioned/v2"
