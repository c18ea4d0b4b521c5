module example.com/modcompat
