// ir/ir.cc — deterministic serialization, fingerprint and validation of the escape IR.
#include "ir/ir.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace heapmap::ir {

std::string SerializeDeterministic(const google::protobuf::MessageLite& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream sos(&out);
    google::protobuf::io::CodedOutputStream cos(&sos);
    cos.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&cos);
  }  // CodedOutputStream flushes into `out` on destruction.
  return out;
}

absl::StatusOr<FuncUnit> ParseFuncUnit(absl::string_view bytes) {
  FuncUnit unit;
  if (!unit.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::InvalidArgumentError("ir: cannot parse FuncUnit");
  }
  return unit;
}

namespace {

// A stable 64-bit hash (FNV-1a over little-endian 8-byte words, then murmur3's finalizer):
// the same on every machine and run, as cache keys need, and a word per step rather than
// a byte (units are hashed after every lowering and splice).
uint64_t StableHash(std::string_view bytes) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a offset basis
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t w = 0;
    for (int b = 7; b >= 0; b--) w = (w << 8) | static_cast<unsigned char>(bytes[i + b]);
    h = (h ^ w) * 1099511628211ull;  // FNV prime
  }
  for (; i < bytes.size(); i++) h = (h ^ static_cast<unsigned char>(bytes[i])) * 1099511628211ull;
  h ^= bytes.size();
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace

std::string Fingerprint(const FuncUnit& unit) {
  std::string bytes = absl::StrCat("heapmap-ir-v", kIrSchemaVersion, "\n");
  auto serialize = [&bytes](const FuncUnit& u) {
    google::protobuf::io::StringOutputStream sos(&bytes);
    google::protobuf::io::CodedOutputStream cos(&sos);
    cos.SetSerializationDeterministic(true);
    u.SerializeToCodedStream(&cos);
  };
  if (unit.hash().empty()) {
    serialize(unit);
  } else {
    FuncUnit copy = unit;
    copy.clear_hash();
    serialize(copy);
  }
  return absl::StrFormat("%016x", StableHash(bytes));
}

void StampHash(FuncUnit* unit) {
  unit->clear_hash();
  unit->set_hash(Fingerprint(*unit));
}

bool IsDeclared(LocKind kind) {
  return kind == LOC_PARAM || kind == LOC_RESULT || kind == LOC_LOCAL ||
         kind == LOC_HIDDEN_PARAM;
}

bool IsInitLoc(const Location& loc) { return IsDeclared(loc.kind()) && !loc.walk_temp(); }

absl::Status Validate(const FuncUnit& unit) {
  const int nfuncs = unit.funcs_size();
  const int nlocs = unit.locations_size();
  auto bad = [](auto&&... args) {
    return absl::InvalidArgumentError(absl::StrCat("ir: ", args...));
  };
  if (nfuncs == 0) return bad("unit has no functions");
  auto loc_ok = [&](uint32_t i) { return i < static_cast<uint32_t>(nlocs); };
  for (int f = 0; f < nfuncs; ++f) {
    const Func& fn = unit.funcs(f);
    if (f == 0 && fn.is_closure()) return bad("funcs[0] ", fn.name(), " is a closure");
    if (f > 0 && (!fn.is_closure() || fn.outer() < 0 || fn.outer() >= f)) {
      return bad("funcs[", f, "] ", fn.name(), ": closure must follow its outer function");
    }
    for (const Param& p : fn.params()) {
      if (p.has_loc() && !loc_ok(p.loc())) return bad(fn.name(), ": param loc out of range");
    }
    for (const Result& r : fn.results()) {
      if (r.has_loc() && !loc_ok(r.loc())) return bad(fn.name(), ": result loc out of range");
    }
  }
  bool seen_expr = false;
  for (int i = 0; i < nlocs; ++i) {
    const Location& l = unit.locations(i);
    if (l.func() >= static_cast<uint32_t>(nfuncs)) return bad("location ", i, ": bad func");
    if (l.kind() == LOC_KIND_UNSPECIFIED) return bad("location ", i, ": no kind");
    if (IsInitLoc(l)) {
      if (seen_expr) return bad("location ", i, ": declared name after expression locations");
    } else {
      seen_expr = true;
    }
    if (l.kind() == LOC_RESULT && l.result_index() == 0) {
      return bad("location ", i, ": result without result_index");
    }
  }
  for (int i = 0; i < unit.edges_size(); ++i) {
    const Edge& e = unit.edges(i);
    if (!loc_ok(e.src())) return bad("edge ", i, ": src out of range");
    if (e.sink() == SINK_LOCATION && !loc_ok(e.dst())) return bad("edge ", i, ": dst out of range");
    if (e.derefs() < -1) return bad("edge ", i, ": derefs ", e.derefs(), " < -1");
  }
  for (int i = 0; i < unit.calls_size(); ++i) {
    const Call& c = unit.calls(i);
    for (const Arg& a : c.args()) {
      if (a.has_slot() && !loc_ok(a.slot())) return bad("call ", i, ": arg slot out of range");
    }
    for (uint32_t r : c.result_slots()) {
      if (!loc_ok(r)) return bad("call ", i, ": result slot out of range");
    }
    if (c.func() >= static_cast<uint32_t>(nfuncs)) return bad("call ", i, ": bad func");
    if (!c.results_used() && c.result_slots_size() != 0) {
      return bad("call ", i, ": result slots without results_used");
    }
  }
  for (int i = 0; i < unit.captures_size(); ++i) {
    const Capture& c = unit.captures(i);
    if (!loc_ok(c.closure()) || !loc_ok(c.var())) return bad("capture ", i, ": out of range");
    if (unit.locations(c.closure()).alloc() != ALLOC_CLOSURE) {
      return bad("capture ", i, ": closure is not a func literal allocation");
    }
    if (!IsDeclared(unit.locations(c.var()).kind())) {
      return bad("capture ", i, ": captured location is not a variable");
    }
  }
  return absl::OkStatus();
}

}  // namespace heapmap::ir
