module example.com/versioned/v2
