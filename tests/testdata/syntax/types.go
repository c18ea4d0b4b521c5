package types

type (
	C1 chan<- <-chan int
	C2 <-chan <-chan int
	C3 chan (<-chan int)
	S  struct {
		a, b int `json:"a"`
		*E
		pkg.F
		G[int]
		h [4]byte "plain"
	}
	I interface {
		fmt.Stringer
		M(x int) (y int, err error)
		~string | []byte
	}
	F func(int, ...string) (bool, error)
	M map[[2]int]*struct{}
	A = [2][]*int
)
