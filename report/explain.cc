// report/explain.cc — see explain.h and README.md "Explanations".
#include "report/explain.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "report/sites.h"

namespace heapmap::report {
namespace {

// Where a step is, as gc prints positions (solver::FormatPos: no column when it is 0 or
// from 255 on).
std::string SitePos(const Site& s) {
  if (s.column() == 0 || s.column() >= 255) return absl::StrCat(s.file(), ":", s.line());
  return absl::StrCat(s.file(), ":", s.line(), ":", s.column());
}

struct Step {
  std::string package;
  std::string pos;
  std::string what;
};

const ParamLeak* FindLeak(const PackageReport& r, const summary::CalleeParam& p) {
  for (const ParamLeak& l : r.param_leaks()) {
    if (l.param().symbol() == p.symbol() && l.param().index() == p.index()) return &l;
  }
  return nullptr;
}

std::string ParamName(const summary::CalleeParam& p) {
  return p.name().empty() ? absl::StrCat("#", p.index() + 1) : p.name();
}

// The parameter as its own package records it (name and position), if that package is
// scanned and it leaks there.
const ParamLeak* Lookup(const ExplainPackages& packages, const summary::CalleeParam& p) {
  auto it = packages.find(p.package());
  if (it == packages.end() || it->second.report == nullptr) return nullptr;
  return FindLeak(*it->second.report, p);
}

// The steps from the site to what holds it; the packages not in `packages` that the path
// reaches go to `needs`.
std::vector<Step> Path(const Site& s, const ExplainPackages& packages,
                       std::vector<std::string>* needs) {
  std::vector<Step> steps;
  std::string first = absl::StrCat(SiteWhat(s), " in ", s.package(), ".", s.function());
  if (!s.detail().empty()) absl::StrAppend(&first, ": ", s.detail());
  steps.push_back({s.package(), SitePos(s), first});
  if (s.cause() != CAUSE_CALLEE || !s.has_callee_param()) return steps;
  summary::CalleeParam p = s.callee_param();
  std::set<std::pair<std::string, uint32_t>> seen;
  while (seen.insert({p.symbol(), p.index()}).second) {
    auto it = packages.find(p.package());
    if (it == packages.end() || it->second.report == nullptr) {
      if (needs != nullptr) needs->push_back(p.package());
      steps.push_back({p.package(), "?",
                       absl::StrCat("parameter ", ParamName(p), " of ", p.symbol(),
                                    " leaks (its package is not scanned)")});
      break;
    }
    const ParamLeak* leak = FindLeak(*it->second.report, p);
    if (leak == nullptr) {
      steps.push_back({p.package(), "?",
                       absl::StrCat("parameter ", ParamName(p), " of ", p.symbol(), " leaks")});
      break;
    }
    const summary::CalleeParam& self = leak->param();
    std::string what = absl::StrCat("parameter ", ParamName(self), " of ", p.package(), ".",
                                    leak->function(), " leaks");
    switch (leak->root()) {
      case summary::ROOT_HEAP_STORE:
        absl::StrAppend(&what, ": stored in a global, through a pointer, or sent on a channel");
        break;
      case summary::ROOT_UNKNOWN_CALLEE:
        absl::StrAppend(&what, ": passed to an interface method or a function value");
        break;
      case summary::ROOT_CALLEE:
        absl::StrAppend(&what, ": passed to ", leak->detail());
        if (leak->has_next()) {
          const ParamLeak* next = Lookup(packages, leak->next());
          absl::StrAppend(&what, "'s parameter ",
                          ParamName(next != nullptr ? next->param() : leak->next()));
          if (next != nullptr) absl::StrAppend(&what, " (", next->param().pos(), ")");
        }
        break;
      default:
        if (leak->no_body()) {
          absl::StrAppend(&what, ": declared without a body (assembly or //go:linkname), so "
                                 "gc assumes its parameters leak");
        }
        break;
    }
    steps.push_back({p.package(), self.pos(), what});
    if (leak->root() != summary::ROOT_CALLEE || !leak->has_next()) break;
    p = leak->next();
  }
  return steps;
}

// gc's lines at `pos` ("pos: ...") in a package's -m=2 block.
std::string GcLinesAt(std::string_view m2_output, const std::string& pos) {
  const std::string prefix = pos + ":";
  std::string out;
  size_t start = 0;
  while (start < m2_output.size()) {
    size_t end = m2_output.find('\n', start);
    if (end == std::string_view::npos) end = m2_output.size();
    std::string_view l = m2_output.substr(start, end - start);
    start = end + 1;
    if (l.substr(0, prefix.size()) == prefix && l.size() > prefix.size() && l[prefix.size()] == ' ') {
      absl::StrAppend(&out, "         gc: ", std::string(l), "\n");
    }
  }
  return out;
}

bool At(const Site& s, std::string_view file, uint32_t line, uint32_t col) {
  return s.file() == file && s.line() == line && (col == 0 || s.column() == col);
}

}  // namespace

std::vector<std::string> ExplainNeeds(const std::string& package, const ExplainPackages& packages,
                                      std::string_view file, uint32_t line, uint32_t col) {
  std::vector<std::string> needs;
  auto it = packages.find(package);
  if (it == packages.end() || it->second.report == nullptr) return {package};
  for (const Site& s : it->second.report->sites()) {
    if (At(s, file, line, col)) Path(s, packages, &needs);
  }
  return needs;
}

std::string Explain(const std::string& package, const ExplainPackages& packages,
                    std::string_view file, uint32_t line, uint32_t col) {
  auto it = packages.find(package);
  if (it == packages.end() || it->second.report == nullptr) return "";
  std::string out;
  for (const Site& s : it->second.report->sites()) {
    if (!At(s, file, line, col)) continue;
    absl::StrAppend(&out, SitePos(s), ": ", SiteWhat(s), " [", s.package(), ".", s.function(), "]\n");
    absl::StrAppend(&out, "  cause: ", std::string(CauseName(s.cause())));
    if (!s.detail().empty()) absl::StrAppend(&out, ": ", s.detail());
    absl::StrAppend(&out, "\n  hint: ", std::string(CauseHint(s.cause())), "\n  loop depth ",
                    s.loop_depth(), ", weight ", s.static_weight(), ", id ", s.id(), "\n");
    const std::vector<Step> steps = Path(s, packages, nullptr);
    absl::StrAppend(&out, "  path, from the allocation to what holds it:\n");
    size_t mine = 0;  // the step nearest the root in the caller's package
    for (size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].package == package) mine = i;
      absl::StrAppend(&out, "    ", i + 1, ". ", steps[i].pos, " [", steps[i].package, "] ",
                      steps[i].what, "\n");
      auto p = packages.find(steps[i].package);
      if (p != packages.end()) absl::StrAppend(&out, GcLinesAt(p->second.m2_output, steps[i].pos));
    }
    std::string others;
    if (mine + 2 == steps.size()) {
      others = absl::StrCat(" (the last in ", package, "; step ", steps.size(),
                            " is in another package)");
    } else if (mine + 2 < steps.size()) {
      others = absl::StrCat(" (the last in ", package, "; steps ", mine + 2, "-", steps.size(),
                            " are in other packages)");
    }
    absl::StrAppend(&out, "  stays on the stack if step ", mine + 1, " changes", others, ": ",
                    steps[mine].what, "\n");
  }
  return out;
}

}  // namespace heapmap::report
