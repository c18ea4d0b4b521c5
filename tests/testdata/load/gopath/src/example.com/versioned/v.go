package versioned
