// ir/ir.h — helpers over the escape IR (proto/ir.proto): deterministic bytes, hashing, checks.
//
// The IR itself is the generated heapmap::ir::FuncUnit; this header adds what every stage
// needs around it: serialization that gives the same bytes for the same message (the cache
// and the determinism rule of ARCHITECTURE.md depend on it), a content fingerprint for cache
// keys, and Validate(), which the solver runs before trusting any index in a unit.
#ifndef HEAPMAP_IR_IR_H_
#define HEAPMAP_IR_IR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message_lite.h"
#include "proto/ir.pb.h"

namespace heapmap::ir {

// Bumped whenever the meaning of IR fields changes; part of every cache key.
inline constexpr int kIrSchemaVersion = 9;  // 2: remarks, package_init, dead, blank_result, Diagnostic.late; 3: Call.text dropped; 4: Call.loop_depth, Edge.func; 5: Call.callee_param; 6: Call.method_value; 7: shape instances (Func.shape_origin); 8: ALLOC_REFLECT, ALLOC_MAPGROW, ALLOC_GO records; 9: heapmap assertions (DIRECTIVE_HEAPMAP_NOALLOC, Location.assert_noescape)

// Serializes with protobuf's deterministic mode. The schemas have no map fields, so the
// bytes depend only on the message's contents (and the protobuf library's wire format).
std::string SerializeDeterministic(const google::protobuf::MessageLite& message);

// Parses a FuncUnit; a truncated or corrupt input is an error, never a crash.
absl::StatusOr<FuncUnit> ParseFuncUnit(absl::string_view bytes);

// Content fingerprint of a unit: FNV-1a (64-bit) over its deterministic bytes with `hash`
// cleared and the schema version mixed in, as 16 lower-case hex digits.
// TODO(summaries): switch to a cryptographic hash if the cache ever trusts foreign entries.
std::string Fingerprint(const FuncUnit& unit);

// Sets unit->hash to Fingerprint(*unit).
void StampHash(FuncUnit* unit);

// Checks the invariants documented on FuncUnit in proto/ir.proto: every index in range,
// derefs >= -1, declared locations before expression locations, closures after their outer
// function. InvalidArgument with the first violation.
[[nodiscard]] absl::Status Validate(const FuncUnit& unit);

// True for the location kinds that gc represents by an ONAME in fn.Dcl (or ClosureVars):
// created by initFunc before any body is walked.
bool IsDeclared(LocKind kind);

// True for the locations gc creates in initFunc, before the walk: declared names that are
// not walk temporaries. These come first in FuncUnit.locations.
bool IsInitLoc(const Location& loc);

}  // namespace heapmap::ir

#endif  // HEAPMAP_IR_IR_H_
