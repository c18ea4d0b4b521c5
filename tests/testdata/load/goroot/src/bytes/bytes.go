package bytes
