// frontend/load/constraint.h — build constraints (//go:build, // +build, file names) as go/build.
#ifndef HEAPMAP_FRONTEND_LOAD_CONSTRAINT_H_
#define HEAPMAP_FRONTEND_LOAD_CONSTRAINT_H_

#include <functional>
#include <memory>
#include <set>
#include <string>

#include "absl/strings/string_view.h"
#include <string_view>

#include "absl/status/statusor.h"

namespace heapmap::load {

// A parsed constraint expression (go/build/constraint.Expr).
struct ConstraintExpr {
  enum class Kind { kTag, kNot, kAnd, kOr };
  Kind kind = Kind::kTag;
  std::string tag;                    // kTag
  std::unique_ptr<ConstraintExpr> x;  // kNot, kAnd, kOr
  std::unique_ptr<ConstraintExpr> y;  // kAnd, kOr

  // Evaluates both sides of && and || (no short circuit) so that `ok` sees every tag,
  // as constraint.Expr.Eval does.
  bool Eval(const std::function<bool(absl::string_view)>& ok) const;
  std::string String() const;
};

// constraint.IsGoBuild / IsPlusBuild: does the line have the shape of a constraint?
bool IsGoBuildLine(absl::string_view line);
bool IsPlusBuildLine(absl::string_view line);

// constraint.Parse: a //go:build or // +build line. Errors read like Go's
// ("unexpected token )", "missing close paren", ...).
absl::StatusOr<std::unique_ptr<ConstraintExpr>> ParseConstraint(absl::string_view line);

// What a file's tags are matched against (go/build.Context.matchTag).
struct TagContext {
  std::string goos = "linux";
  std::string goarch = "amd64";
  bool cgo_enabled = false;
  std::set<std::string> tags;  // build tags, tool tags, release tags
  bool MatchTag(absl::string_view name) const;
};

// go/build.Context.goodOSArchFile: do the _GOOS/_GOARCH suffixes of `name` match?
bool GoodOSArchFile(const TagContext& ctx, absl::string_view name);

// go/build.Context.shouldBuild over a file header: the //go:build line controls if
// present, else every // +build line in the leading comment block must hold. An error
// is returned for multiple //go:build lines or an unparsable //go:build line.
absl::StatusOr<bool> ShouldBuild(const TagContext& ctx, absl::string_view header);

bool IsKnownOS(absl::string_view s);
bool IsKnownArch(absl::string_view s);
bool IsUnixOS(absl::string_view s);

}  // namespace heapmap::load

#endif  // HEAPMAP_FRONTEND_LOAD_CONSTRAINT_H_
