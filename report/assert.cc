// report/assert.cc — //heapmap:noalloc and //heapmap:noescape, checked.
#include "report/assert.h"

#include <algorithm>
#include <deque>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "report/sites.h"

namespace heapmap::report {

namespace {

std::string Position(const std::string& file, uint32_t line, uint32_t col) {
  if (col == 0 || col >= 255) return absl::StrCat(file, ":", line);
  return absl::StrCat(file, ":", line, ":", col);
}

}  // namespace

void AddAssertions(const std::vector<const ir::FuncUnit*>& units, PackageReport& out) {
  for (const ir::FuncUnit* unit : units) {
    const ir::FuncUnit& u = *unit;
    // An assertion about function f, at pos.
    auto add = [&](AssertKind kind, const ir::Func& f, const ir::Pos& pos) {
      Assertion* a = out.add_assertions();
      a->set_kind(kind);
      a->set_symbol(f.symbol());
      a->set_function(f.name());
      if (pos.file() < static_cast<uint32_t>(u.files_size())) {
        a->set_file(u.files(static_cast<int>(pos.file())));
      }
      a->set_line(pos.line());
      a->set_column(pos.col());
      return a;
    };
    for (const ir::Func& f : u.funcs()) {
      if (std::find(f.directives().begin(), f.directives().end(),
                    ir::DIRECTIVE_HEAPMAP_NOALLOC) != f.directives().end()) {
        add(ASSERT_NOALLOC, f, f.pos());
      }
    }
    for (const ir::Location& l : u.locations()) {
      if (!l.assert_noescape() || l.func() >= static_cast<uint32_t>(u.funcs_size())) continue;
      add(ASSERT_NOESCAPE, u.funcs(static_cast<int>(l.func())), l.pos())->set_name(l.text());
    }
  }
}

std::vector<BrokenAssertion> CheckAssertions(const std::vector<PackageReport>& reports,
                                             size_t* checked) {
  // Each function's own sites (first in source order) and the functions it calls.
  absl::flat_hash_map<std::string, const Site*> first_site;
  std::map<std::string, std::vector<std::string>> callees;  // sorted: a stable search
  for (const PackageReport& p : reports) {
    for (const Site& s : p.sites()) first_site.emplace(s.symbol(), &s);
    for (const CallEdge& e : p.calls()) callees[e.caller()].push_back(e.callee());
  }
  for (auto& [caller, list] : callees) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  std::vector<BrokenAssertion> broken;
  *checked = 0;
  for (const PackageReport& p : reports) {
    for (const Assertion& a : p.assertions()) {
      ++*checked;
      if (a.kind() == ASSERT_NOESCAPE) {
        bool found = false;
        for (const Site& s : p.sites()) {
          if (s.variable() && s.text() == a.name() && s.file() == a.file() &&
              s.line() == a.line() && s.column() == a.column()) {
            broken.push_back(BrokenAssertion{a, {}, s});
            found = true;
            break;
          }
        }
        // A parameter escapes when it leaks to the heap (itself or what it points to).
        const std::string pos = Position(a.file(), a.line(), a.column());
        for (const ParamLeak& l : p.param_leaks()) {
          if (found) break;
          if (l.heap() > 0 && l.param().symbol() == a.symbol() && l.param().pos() == pos) {
            BrokenAssertion b{a, {}, Site()};
            b.is_leak = true;
            b.leak = l;
            broken.push_back(std::move(b));
            found = true;
          }
        }
        continue;
      }
      // Breadth first from the function: the shortest call path to an allocation.
      absl::flat_hash_map<std::string, std::string> parent;
      std::deque<std::string> queue = {a.symbol()};
      parent[a.symbol()] = "";
      while (!queue.empty()) {
        const std::string f = queue.front();
        queue.pop_front();
        if (auto it = first_site.find(f); it != first_site.end()) {
          BrokenAssertion b{a, {}, *it->second};
          for (std::string at = f; !at.empty(); at = parent[at]) b.path.push_back(at);
          std::reverse(b.path.begin(), b.path.end());
          broken.push_back(std::move(b));
          break;
        }
        auto next = callees.find(f);
        if (next == callees.end()) continue;
        for (const std::string& g : next->second) {
          if (parent.emplace(g, f).second) queue.push_back(g);
        }
      }
    }
  }
  return broken;
}

std::string FormatBrokenAssertions(const std::vector<BrokenAssertion>& broken) {
  std::string out;
  for (const BrokenAssertion& b : broken) {
    const Assertion& a = b.assertion;
    const Site& s = b.site;
    const std::string why = s.detail().empty() ? std::string(CauseName(s.cause())) : s.detail();
    if (b.is_leak) {
      const ParamLeak& l = b.leak;
      absl::StrAppend(&out, Position(a.file(), a.line(), a.column()), ": ", a.name(),
                      " is //heapmap:noescape, but ",
                      l.heap() == 1 ? "it leaks to the heap" : "what it points to leaks to the heap",
                      " (in ", a.function(), ")",
                      l.detail().empty() ? "" : absl::StrCat(": passed to ", l.detail()), "\n");
      continue;
    }
    if (a.kind() == ASSERT_NOESCAPE) {
      absl::StrAppend(&out, Position(a.file(), a.line(), a.column()), ": ", a.name(),
                      " is //heapmap:noescape, but it is moved to the heap (in ", a.function(),
                      "): ", why, "\n");
      continue;
    }
    absl::StrAppend(&out, Position(a.file(), a.line(), a.column()), ": ", a.function(),
                    " is //heapmap:noalloc, but a heap allocation is reachable from it\n");
    if (b.path.size() > 1) absl::StrAppend(&out, "\tcalls: ", absl::StrJoin(b.path, " -> "), "\n");
    absl::StrAppend(&out, "\t", Position(s.file(), s.line(), s.column()), ": ", SiteWhat(s),
                    " (in ", s.package(), ".", s.function(), ": ", why, ")\n");
  }
  return out;
}

}  // namespace heapmap::report
