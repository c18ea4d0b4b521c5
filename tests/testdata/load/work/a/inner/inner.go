package inner

func Inner() int { return 1 }
