package replaced
