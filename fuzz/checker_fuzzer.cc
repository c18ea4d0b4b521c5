// fuzz/checker_fuzzer.cc — libFuzzer target: parse arbitrary bytes as one Go file and type-check it as a package.
//
// A file that parses and type-checks without errors then goes through the escape pipeline
// as `heapmap analyze` runs it: lowering (ir::Validate must accept every unit, and
// serialization must be deterministic), gc's bottom-up batches, and the solver on each.
// The package may import "unsafe" and one fake package "a" (a small fixed source with a
// struct, methods, an interface, a generic type and function, constants and variables);
// every other import is unresolved. The checker must never crash, hang, overflow the
// stack or trip a sanitizer on any input, whatever the syntax errors; every error must
// carry a message and format. Each input gets a fresh Context and a fresh copy of "a",
// so nothing outlives the run (generic instances live in the arena of the package that
// created them).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/context.h"
#include "frontend/types/package.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"
#include "ir/ir.h"
#include "ir/inline.h"
#include "ir/lower.h"
#include "summaries/lower_testutil.h"
#include "solver/solver.h"
#include "summaries/call_graph.h"

namespace {

using namespace heapmap;

constexpr char kFakeA[] = R"(package a

import "unsafe"

type T struct {
	X int
	y string
	*T
	I
}

func (T) M() int     { return 0 }
func (t *T) P() *T   { return t }
func (T) m(x ...int) {}

type I interface{ M() int }

type G[P any] struct{ f P; next *G[P] }

func (g G[P]) Get() P { return g.f }

type Num interface{ ~int | ~int64 | ~float64 }

func F[T any](x T) T { return x }
func Sum[N Num](xs ...N) (s N) {
	for _, x := range xs {
		s += x
	}
	return
}

type E = error
type Ptr unsafe.Pointer
type Ch chan<- map[string][]int

var V = 1
var Err E
const C, K = "c", 1 << 40
const (
	A0 = iota
	A1
)
)";

// Lowers and solves a type-correct package; every step must succeed.
void Analyze(const std::vector<const syntax::ParsedFile*>& files, const types::Package& pkg,
             const types::Info& info) {
  // Lowering may only fail for a tree deeper than the fuzzer's stack allows, and says so.
  absl::StatusOr<ir::UnitList> lowered = ir::LowerPackage(pkg, files, info);
  if (!lowered.ok()) {
    if (lowered.status().code() != absl::StatusCode::kResourceExhausted) std::abort();
    return;
  }
  ir::UnitList units = *std::move(lowered);
  // The inliner's decisions on the same typed package: no crash, facts for every function.
  ir::InlineOptions iopts;
  iopts.m = 2;
  ir::PackageInlining inl = ir::AnalyzeInlining(pkg, files, info, iopts);
  for (const ir::InlineFunc& f : inl.funcs) {
    if (f.symbol().empty() || (f.inlinable() && f.cost() > ir::kInlineMaxBudget)) std::abort();
  }
  std::vector<const ir::FuncUnit*> ptrs;
  for (const ir::FuncUnit& u : units) {
    if (!ir::Validate(u).ok()) std::abort();
    if (ir::SerializeDeterministic(u) != ir::SerializeDeterministic(u)) std::abort();
    ptrs.push_back(&u);
  }
  solver::testing::MapLookup lookup;
  for (const summaries::Batch& batch : summaries::ComputeBatches(ptrs)) {
    solver::BatchInput in = summaries::MakeBatchInput(ptrs, batch);
    auto r = solver::SolveBatch(in, lookup);
    if (!r.ok()) std::abort();
    lookup.Add(*r);
    for (const auto& d : r->diagnostics()) {
      if (solver::FormatDiagnostic(d).empty()) std::abort();
    }
  }
}

void Check(const std::vector<const syntax::ParsedFile*>& files, types::Package* pkg,
           types::Context* ctx, types::Package* fake_a, bool record) {
  types::CheckConfig config;
  config.context = ctx;
  config.record_types = record;
  config.importer = [fake_a](std::string_view path) -> types::Package* {
    if (path == "unsafe") return types::Unsafe();
    if (path == "a" && fake_a != nullptr) return fake_a;
    return nullptr;
  };
  types::Info info;
  std::vector<types::TypeError> errors;
  types::CheckPackage(config, pkg, files, &info, &errors);
  for (const types::TypeError& e : errors) {
    if (e.message.empty()) std::abort();
    if (types::FormatTypeError(files, e).empty()) std::abort();
  }
  // Print every recorded type: TypeString must handle whatever the checker produced.
  for (const auto& [expr, tv] : info.types) {
    if (tv.type != nullptr) (void)types::TypeString(tv.type, nullptr);
  }
  bool clean = errors.empty();
  for (const syntax::ParsedFile* f : files) clean = clean && f->errors.empty();
  if (record && clean) Analyze(files, *pkg, info);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  types::Context ctx;
  syntax::ParsedFile a_file = syntax::ParseFile("a.go", kFakeA);
  if (!a_file.errors.empty()) std::abort();
  auto a = std::make_unique<types::Package>("a", "a");
  Check({&a_file}, a.get(), &ctx, nullptr, false);

  std::string source(reinterpret_cast<const char*>(data), size);
  syntax::ParsedFile file = syntax::ParseFile("fuzz.go", std::move(source));
  auto pkg = std::make_unique<types::Package>("p", "p");
  Check({&file}, pkg.get(), &ctx, a.get(), true);
  return 0;
}
