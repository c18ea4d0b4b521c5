// frontend/types/universe.h — the universe scope, the predeclared types and objects, and package unsafe.
//
// Port of types2/universe.go (Go 1.19, plus the builtins added through Go 1.21: clear,
// min, max, unsafe.SliceData/String/StringData). Built once, on first use (thread-safe
// static initialization), in an arena of its own; read-only afterwards.
#ifndef HEAPMAP_FRONTEND_TYPES_UNIVERSE_H_
#define HEAPMAP_FRONTEND_TYPES_UNIVERSE_H_

#include "frontend/types/object.h"
#include "frontend/types/package.h"
#include "frontend/types/scope.h"
#include "frontend/types/type.h"

namespace heapmap::types {

// The universe scope: predeclared types, constants (true, false, iota), nil, builtins.
Scope* Universe();

// The predeclared basic types, indexed by kind (types2's Typ): Typ(kInt) is "int",
// Typ(BasicKind::kUnsafePointer) is "unsafe.Pointer", Typ(kInvalid) is "invalid type".
Basic* Typ(BasicKind kind);
// The byte and rune aliases: distinct Basic objects named "byte" and "rune" (identical to
// uint8 and int32).
Basic* UniverseByte();
Basic* UniverseRune();
// The type of the predeclared `error` (a Named with an interface{ Error() string }).
Named* UniverseError();
// `any` (an alias of interface{}: the TypeName's type is the empty Interface itself) and
// `comparable` (a Named whose underlying interface's type set is comparable).
Interface* UniverseAny();
Named* UniverseComparable();
// The predeclared iota (a Const) and nil.
Const* UniverseIota();
Nil* UniverseNil();
Builtin* UniverseBuiltin(BuiltinId id);  // null for unsafe's and test builtins

// Test only: adds the builtins assert(constant bool) and trace(...) to the universe, as
// go/types' DefPredeclaredTestFuncs does for its testdata. Call before any checking starts
// (it mutates the universe scope); idempotent. Never called in normal runs.
void DefPredeclaredTestFuncs();

// Package "unsafe" (complete, with Pointer and Add/Alignof/Offsetof/Sizeof/Slice/
// SliceData/String/StringData). A single shared instance.
Package* Unsafe();

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_UNIVERSE_H_
