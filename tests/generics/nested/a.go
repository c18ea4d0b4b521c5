package gen9

import (
	"errors"
	"fmt"
)

type Set[K comparable] struct{ m map[K]struct{} }

func NewSet[K comparable](items ...K) *Set[K] {
	s := &Set[K]{m: make(map[K]struct{}, len(items))}
	for _, it := range items {
		s.Add(it)
	}
	return s
}

func (s *Set[K]) Add(k K)           { s.m[k] = struct{}{} }
func (s *Set[K]) Has(k K) bool      { _, ok := s.m[k]; return ok }
func (s *Set[K]) Len() int          { return len(s.m) }
func (s *Set[K]) Keys() []K         { return Keys(s.m) }
func (s *Set[K]) String() string    { return fmt.Sprint(s.Keys()) }
func (s *Set[K]) Check(k K) error {
	if !s.Has(k) {
		return errors.New("missing")
	}
	return nil
}

func Keys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Max[T int | float64 | string](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func MaxOf[T int | float64 | string](xs ...T) T {
	var m T
	for _, x := range xs {
		m = Max(m, x)
	}
	return m
}

type Node[T any] struct {
	val  T
	next *Node[T]
}

func Push[T any](head *Node[T], v T) *Node[T] { return &Node[T]{v, head} }

func Sum(xs []int) int {
	s := NewSet(xs...)
	evens := Filter(xs, func(x int) bool { return x%2 == 0 })
	var h *Node[string]
	h = Push(h, "a")
	_ = s.Check(3)
	return MaxOf(xs...) + len(evens) + s.Len() + len(h.val)
}
