// report/sites.cc — see sites.h and README.md.
#include "report/sites.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/ascii.h"
#include "base/json.h"
#include "base/path.h"
#include "report/callgraph.h"
#include "google/protobuf/util/json_util.h"
#include "openssl/sha.h"

namespace heapmap::report {
namespace {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), md);
  std::string out;
  for (unsigned char c : md) absl::StrAppendFormat(&out, "%02x", c);
  return out;
}

Cause CauseOf(const summary::Verdict& v) {
  switch (v.reason()) {
    case summary::HEAP_TOO_LARGE: return CAUSE_TOO_LARGE;
    case summary::HEAP_TOO_ALIGNED: return CAUSE_TOO_ALIGNED;
    case summary::HEAP_NON_CONSTANT_SIZE: return CAUSE_NON_CONSTANT_SIZE;
    case summary::HEAP_ALWAYS:
      switch (v.alloc()) {
        case ir::ALLOC_MAKECHAN: return CAUSE_MAKE_CHAN;
        case ir::ALLOC_REFLECT: return CAUSE_REFLECT;
        case ir::ALLOC_MAPGROW: return CAUSE_MAP_GROWTH;
        case ir::ALLOC_GO: return CAUSE_GOROUTINE;
        default: return CAUSE_APPEND;
      }
    default: break;
  }
  if (v.go_defer()) return CAUSE_GO_DEFER;
  switch (v.alloc()) {
    case ir::ALLOC_CONVIFACE: return CAUSE_INTERFACE;
    case ir::ALLOC_CLOSURE: return CAUSE_CLOSURE;
    case ir::ALLOC_METHVALUE: return CAUSE_METHOD_VALUE;
    case ir::ALLOC_STR2BYTES:
    case ir::ALLOC_STR2RUNES:
    case ir::ALLOC_BYTES2STR:
    case ir::ALLOC_RUNES2STR:
    case ir::ALLOC_RUNESTR:
    case ir::ALLOC_ADDSTR: return CAUSE_STRING;
    default: break;
  }
  switch (v.root()) {
    case summary::ROOT_RETURNED: return CAUSE_RETURNED;
    case summary::ROOT_HEAP_STORE: return CAUSE_HEAP_STORE;
    case summary::ROOT_HEAP_OBJECT: return CAUSE_HEAP_OBJECT;
    case summary::ROOT_CALLEE: return CAUSE_CALLEE;
    case summary::ROOT_UNKNOWN_CALLEE: return CAUSE_UNKNOWN_CALLEE;
    case summary::ROOT_OUTLIVES: return CAUSE_OUTLIVES;
    default: return CAUSE_UNCLASSIFIED;
  }
}

// The root in words.
std::string Detail(const summary::Verdict& v) {
  std::string d;
  switch (v.root()) {
    case summary::ROOT_RETURNED: d = absl::StrCat("returned by ", v.root_detail()); break;
    case summary::ROOT_HEAP_STORE:
      d = "stored in a global, through a pointer, or sent on a channel";
      break;
    case summary::ROOT_HEAP_OBJECT:
      d = v.root_detail().empty() ? "stored into an object on the heap"
                                  : absl::StrCat("stored into ", v.root_detail(), ", which is on the heap");
      break;
    case summary::ROOT_CALLEE:
      d = absl::StrCat("passed to ", v.root_detail(), ", whose parameter leaks");
      break;
    case summary::ROOT_UNKNOWN_CALLEE:
      d = "passed to an interface method or a function value";
      break;
    case summary::ROOT_OUTLIVES:
      d = v.root_detail().empty() ? "stored in a variable that outlives it"
                                  : absl::StrCat("stored in ", v.root_detail(), ", which outlives it");
      break;
    default: return "";
  }
  if (!v.root_via().empty()) absl::StrAppend(&d, " (through ", v.root_via(), "'s parameter)");
  return d;
}

std::string Message(const summary::Verdict& v) {
  if (v.reason() == summary::HEAP_ALWAYS || v.go_defer()) return "";  // no -m line
  return v.variable() ? absl::StrCat("moved to heap: ", v.text())
                      : absl::StrCat(v.text(), " escapes to heap");
}

}  // namespace

std::string SiteWhat(const Site& s) {
  if (!s.message().empty()) return s.message();
  if (s.cause() == CAUSE_GO_DEFER) {
    return absl::StrCat(s.text(), " escapes to heap (a go/defer wrapper: gc prints no -m line)");
  }
  return absl::StrCat(s.text(), " (always on the heap)");
}

double StaticWeight(int loop_depth) {
  return std::pow(8.0, std::clamp(loop_depth, 1, 4) - 1);
}

PackageReport PackageSites(const std::string& path,
                           const std::vector<summary::BatchResult>& results) {
  PackageReport out;
  out.set_package(path);
  for (const summary::BatchResult& b : results) {
    for (const summary::FuncSummary& f : b.funcs()) {
      for (int i = 0; i < f.params_size(); ++i) {
        const summary::ParamLeaks& pl = f.params(i);
        // Those that leak anywhere (to the heap, or to a result): "esc:" alone is none.
        if (pl.tag() == "esc:" || pl.pos().empty()) continue;
        ParamLeak* leak = out.add_param_leaks();
        summary::CalleeParam* param = leak->mutable_param();
        param->set_symbol(f.symbol());
        param->set_package(f.pkg_path());
        param->set_index(static_cast<uint32_t>(i));
        param->set_name(pl.name());
        param->set_pos(pl.pos());
        leak->set_function(f.name());
        leak->set_no_body(!f.has_body());
        // gc's tag: "" leaks to the heap itself; else byte 0 after "esc:" is heap derefs + 1.
        leak->set_heap(pl.tag().empty() ? 1
                       : pl.tag().size() > 4 ? static_cast<unsigned char>(pl.tag()[4])
                                             : 0);
        leak->set_root(pl.root());
        leak->set_detail(pl.root_detail());
        if (pl.has_root_param()) *leak->mutable_next() = pl.root_param();
      }
      std::vector<const summary::Verdict*> heap;
      for (const summary::Verdict& v : f.verdicts()) {
        if (v.escapes() && !v.silent()) heap.push_back(&v);
      }
      // IDs: the function, what is allocated, and its ordinal among the function's sites
      // with the same kind and text, in source order (README.md "Stable IDs").
      std::stable_sort(heap.begin(), heap.end(), [](const summary::Verdict* a, const summary::Verdict* b) {
        return std::make_tuple(a->pos().line(), a->pos().col()) <
               std::make_tuple(b->pos().line(), b->pos().col());
      });
      std::map<std::tuple<int, bool, bool, std::string>, int> seen;
      for (const summary::Verdict* v : heap) {
        int ordinal = seen[{v->alloc(), v->variable(), v->go_defer(), v->text()}]++;
        Site* s = out.add_sites();
        // A go/defer wrapper is a "func literal" too: told apart, so that adding a go
        // statement does not renumber the function's closures.
        s->set_id(Sha256Hex(absl::StrCat("heapmap-site 1\n", path, "\n", f.symbol(), "\n",
                                         v->alloc(), " ", v->variable(),
                                         v->go_defer() ? " go/defer" : "", "\n", v->text(), "\n",
                                         ordinal))
                      .substr(0, 16));
        s->set_package(path);
        s->set_function(f.name());
        s->set_symbol(f.symbol());
        s->set_file(v->file());
        s->set_line(v->pos().line());
        s->set_column(v->pos().col());
        s->set_text(v->text());
        s->set_message(Message(*v));
        s->set_alloc(v->alloc());
        s->set_variable(v->variable());
        s->set_reason(v->reason());
        s->set_cause(CauseOf(*v));
        s->set_loop_depth(v->loop_depth());
        s->set_static_weight(StaticWeight(v->loop_depth()));
        s->set_root(v->root());
        s->set_detail(Detail(*v));
        if (v->has_root_param()) *s->mutable_callee_param() = v->root_param();
        if (v->has_written_at()) {
          *s->mutable_written_at() = v->written_at();
          *s->mutable_inlined_at() = v->inlined_at();
        }
      }
    }
  }
  std::stable_sort(out.mutable_sites()->begin(), out.mutable_sites()->end(),
                   [](const Site& a, const Site& b) {
                     return std::make_tuple(a.file(), a.line(), a.column(), a.text(), a.id()) <
                            std::make_tuple(b.file(), b.line(), b.column(), b.text(), b.id());
                   });
  return out;
}

Report Rank(const std::vector<PackageReport>& packages) {
  Report out;
  for (const PackageReport& p : packages) {
    for (const Site& s : p.sites()) *out.add_sites() = s;
  }
  WeighByCallGraph(packages, out);
  RankMeasured(out);
  return out;
}

void RankMeasured(Report& report) {
  std::stable_sort(report.mutable_sites()->begin(), report.mutable_sites()->end(),
                   [](const Site& a, const Site& b) {
                     return std::make_tuple(-a.measured(), -a.static_weight(), a.package(),
                                            a.file(), a.line(), a.column(), a.id()) <
                            std::make_tuple(-b.measured(), -b.static_weight(), b.package(),
                                            b.file(), b.line(), b.column(), b.id());
                   });
}

std::string_view CauseName(Cause c) {
  switch (c) {
    case CAUSE_INTERFACE: return "interface";
    case CAUSE_TOO_LARGE: return "too-large";
    case CAUSE_NON_CONSTANT_SIZE: return "non-constant-size";
    case CAUSE_APPEND: return "append";
    case CAUSE_MAKE_CHAN: return "make-chan";
    case CAUSE_CLOSURE: return "closure";
    case CAUSE_METHOD_VALUE: return "method-value";
    case CAUSE_STRING: return "string";
    case CAUSE_TOO_ALIGNED: return "too-aligned";
    case CAUSE_RETURNED: return "returned";
    case CAUSE_HEAP_STORE: return "heap-store";
    case CAUSE_HEAP_OBJECT: return "heap-object";
    case CAUSE_CALLEE: return "leaking-callee";
    case CAUSE_UNKNOWN_CALLEE: return "unknown-callee";
    case CAUSE_OUTLIVES: return "outlives";
    case CAUSE_REFLECT: return "reflect";
    case CAUSE_GO_DEFER: return "go/defer";
    case CAUSE_MAP_GROWTH: return "map-growth";
    case CAUSE_GOROUTINE: return "goroutine";
    default: return "escapes";
  }
}

std::string_view UnattributedCauseName(UnattributedCause c) {
  switch (c) {
    case UNATTRIBUTED_OTHER_PACKAGE: return "other-package";
    case UNATTRIBUTED_NO_SITE: return "no-site";
    default: return "unknown";
  }
}

std::string_view UnattributedCauseHint(UnattributedCause c) {
  switch (c) {
    case UNATTRIBUTED_OTHER_PACKAGE:
      return "another package's code inlined here by the profiled build: name that package "
             "too, or report without -l (an inlined allocation is reported at its call)";
    case UNATTRIBUTED_NO_SITE:
      return "a line of a reported package where heapmap records no heap allocation";
    default: return "";
  }
}

std::string_view CauseHint(Cause c) {
  switch (c) {
    case CAUSE_INTERFACE:
      return "a value converted to an interface that outlives the call: take a concrete type, "
             "or pass a pointer the callee does not keep";
    case CAUSE_TOO_LARGE:
      return "over gc's stack limit (10 MB for variables, 64 KB for implicit allocations): "
             "reuse one buffer, or allocate once outside the loop";
    case CAUSE_NON_CONSTANT_SIZE:
      return "make with a size known only at run time: use a constant capacity, or a "
             "fixed-size array and slice it";
    case CAUSE_APPEND:
      return "append grows the backing array on the heap: preallocate with make(T, 0, n)";
    case CAUSE_MAKE_CHAN: return "channels are always on the heap: create them once, reuse";
    case CAUSE_CLOSURE:
      return "a function literal that outlives its frame takes what it captures to the heap: "
             "pass values as arguments, or use a method";
    case CAUSE_METHOD_VALUE:
      return "x.M used as a value allocates a closure: call it directly, or use a method "
             "expression T.M";
    case CAUSE_STRING:
      return "the converted or concatenated string outlives the call: convert where it is "
             "used, or use strings.Builder";
    case CAUSE_TOO_ALIGNED: return "alignment above the stack's: lower the type's alignment";
    case CAUSE_RETURNED:
      return "its address is returned: return a value instead of a pointer, or let the "
             "caller pass the destination";
    case CAUSE_HEAP_STORE:
      return "stored where the heap reaches it (a global, *p = x, a channel): keep it local, "
             "or store a copy";
    case CAUSE_HEAP_OBJECT:
      return "stored into an object that is itself on the heap: fix that object first";
    case CAUSE_CALLEE:
      return "a callee keeps its parameter (see `analyze -m` for its \"leaking param\" line): "
             "change the callee, or pass a copy";
    case CAUSE_UNKNOWN_CALLEE:
      return "gc cannot see through interface method calls and function values: call the "
             "concrete type, or pass a value";
    case CAUSE_OUTLIVES:
      return "stored in a variable declared outside the loop or in the enclosing function: "
             "declare it where it is used";
    case CAUSE_MAP_GROWTH:
      return "inserts grow the map's buckets on the heap: size it with make(map[K]V, n), or "
             "reuse it (clear and refill)";
    case CAUSE_GOROUTINE:
      return "each goroutine takes a g and a stack from the heap when none is free: use a "
             "worker pool for short tasks";
    case CAUSE_GO_DEFER:
      return "go and defer in a loop put the call's function and arguments in a heap "
             "closure: call a function without arguments, or move the defer out of the loop";
    case CAUSE_REFLECT:
      return "reflect.New, MakeSlice, MakeMap and Value conversions allocate on the heap: "
             "decode into concrete types, or reuse values";
    default:
      return "its address outlives the function (returned, stored in a global or a heap "
             "object, or passed to a callee that keeps it): `analyze -m=2` shows the path";
  }
}

namespace {

// A measured value for the table: bytes as B, kB, MB, GB (powers of 1024, as pprof
// prints them); counts as they are.
std::string Measured(int64_t v, std::string_view unit) {
  if (unit != "bytes") return absl::StrCat(v);
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double x = static_cast<double>(v);
  int u = 0;
  while (x >= 1024 && u < 4) {
    x /= 1024;
    ++u;
  }
  return u == 0 ? absl::StrCat(v, "B") : absl::StrFormat("%.1f%s", x, units[u]);
}

std::string Percent(int64_t part, int64_t whole) {
  return whole == 0 ? "-" : absl::StrFormat("%.2f%%", 100.0 * static_cast<double>(part) / whole);
}

}  // namespace

std::string FormatTable(const Report& report, size_t top) {
  const bool profiled = report.has_profile();
  const std::string& unit = report.profile().unit();
  std::string out = absl::StrFormat("%6s %s%7s  %-17s  %s\n", "rank",
                                    profiled ? absl::StrFormat("%9s ", "measured") : "", "weight",
                                    "cause", "site (function): what");
  const size_t n = top == 0 ? report.sites_size()
                            : std::min<size_t>(top, report.sites_size());
  for (size_t i = 0; i < n; ++i) {
    const Site& s = report.sites(static_cast<int>(i));
    absl::StrAppendFormat(&out, "%6d %s%7g  %-17s  %s:%d:%d (%s.%s): %s%s%s\n", i + 1,
                          profiled ? absl::StrFormat("%9s ", Measured(s.measured(), unit)) : "",
                          s.static_weight(), CauseName(s.cause()), s.file(), s.line(),
                          s.column(), s.package(), s.function(),
                          SiteWhat(s),
                          s.detail().empty() ? "" : ": ", s.detail());
  }
  std::map<Cause, std::pair<size_t, int64_t>> counts;
  for (const Site& s : report.sites()) {
    counts[s.cause()].first++;
    counts[s.cause()].second += s.measured();
  }
  absl::StrAppendFormat(&out, "\n%d heap allocations", report.sites_size());
  if (n < static_cast<size_t>(report.sites_size())) absl::StrAppendFormat(&out, " (top %d shown)", n);
  absl::StrAppend(&out, ", by cause:\n");
  for (const auto& [cause, count] : counts) {
    absl::StrAppendFormat(&out, "%8d %s %-17s  %s\n", count.first,
                          profiled ? absl::StrFormat("%9s ", Measured(count.second, unit)) : "",
                          CauseName(cause), CauseHint(cause));
  }
  if (profiled) {
    const ProfileJoin& p = report.profile();
    absl::StrAppendFormat(
        &out,
        "\nprofile (%s, %s): %s sampled, %s in scanned code, %s of that attributed to sites "
        "(%s); %d sites sampled, %d never sampled; the 100 sites ranked first by static "
        "weight hold %s of the attributed\n",
        p.sample_type(), p.unit(), Measured(p.total(), unit), Measured(p.scanned(), unit),
        Measured(p.attributed(), unit), Percent(p.attributed(), p.scanned()), p.sites_sampled(),
        p.sites_never_sampled(), absl::StrFormat("%.1f%%", 100 * p.static_top100_share()));
    if (p.unattributed_size() > 0) {
      absl::StrAppendFormat(&out, "sampled lines of scanned code with no site (%s in all), by cause:\n",
                            Measured(p.scanned() - p.attributed(), unit));
      for (const UnattributedTotal& t : p.unattributed_by_cause()) {
        absl::StrAppendFormat(&out, "%9s  %d line%s  %-13s  %s\n", Measured(t.value(), unit),
                              t.lines(), t.lines() == 1 ? "" : "s",
                              UnattributedCauseName(t.cause()), UnattributedCauseHint(t.cause()));
      }
      absl::StrAppend(&out, "the largest:\n");
      for (int i = 0; i < std::min(p.unattributed_size(), 10); ++i) {
        const UnattributedLine& u = p.unattributed(i);
        absl::StrAppendFormat(&out, "%9s  %s:%d (%s) %s\n", Measured(u.value(), unit), u.file(),
                              u.line(), u.function(), UnattributedCauseName(u.cause()));
      }
    }
  }
  return out;
}

std::string FormatFunctionTable(const Report& report, size_t top) {
  std::string out = absl::StrFormat("%6s %11s %11s %6s %8s %11s  %s\n", "rank", "total", "own",
                                    "sites", "reached", "frequency", "function");
  const size_t n = top == 0 ? report.functions_size()
                            : std::min<size_t>(top, report.functions_size());
  for (size_t i = 0; i < n; ++i) {
    const FunctionTotal& f = report.functions(static_cast<int>(i));
    absl::StrAppendFormat(&out, "%6d %11.4g %11.4g %6d %8s %11.4g  %s.%s\n", i + 1,
                          f.total_weight(), f.own_weight(), f.own_sites(),
                          f.reached_sites() > 0 ? absl::StrCat(f.reached_sites()) : "-",
                          f.frequency(), f.package(), f.function());
  }
  absl::StrAppendFormat(&out,
                        "\n%d functions with heap allocations of their own or through their "
                        "calls%s; total: own weight plus, per call, 8^(loop depth - 1) times "
                        "the callee's total; reached: the distinct sites (first 100)\n",
                        report.functions_size(),
                        n < static_cast<size_t>(report.functions_size())
                            ? absl::StrFormat(" (top %d shown)", n) : "");
  return out;
}

void SiteTotals::Add(const Site& s) {
  sites++;
  weight = std::min(weight + s.static_weight(), 1e30);
  measured += s.measured();
}

std::string FormatPackageTable(const Report& report, size_t top) {
  std::map<std::string, SiteTotals> sums;
  for (const Site& s : report.sites()) sums[s.package()].Add(s);
  std::vector<std::pair<std::string, SiteTotals>> rows(sums.begin(), sums.end());
  const bool profiled = report.has_profile();
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    return profiled && a.second.measured != b.second.measured ? a.second.measured > b.second.measured
                                                             : a.second.weight > b.second.weight;
  });
  std::string out = absl::StrFormat("%6s %s%11s %6s  %s\n", "rank",
                                    profiled ? absl::StrFormat("%9s ", "measured") : "", "weight",
                                    "sites", "package");
  const size_t n = top == 0 ? rows.size() : std::min(top, rows.size());
  for (size_t i = 0; i < n; ++i) {
    absl::StrAppendFormat(
        &out, "%6d %s%11.4g %6d  %s\n", i + 1,
        profiled ? absl::StrFormat("%9s ", Measured(rows[i].second.measured, report.profile().unit()))
                 : "",
        rows[i].second.weight, rows[i].second.sites, rows[i].first);
  }
  absl::StrAppendFormat(&out, "\n%d packages, %d heap allocations\n", rows.size(), report.sites_size());
  return out;
}

namespace {

std::string Json(std::string_view s) { return base::JsonQuote(s); }

// %XX-escapes every byte but letters, digits and those of `keep`.
std::string PercentEncode(std::string_view s, std::string_view keep) {
  std::string out;
  for (unsigned char c : s) {
    if (absl::ascii_isalnum(c) || keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

// Percent-encodes what a URI path may not hold as it is (RFC 3986 pchar, and '/').
std::string UriPath(std::string_view path) { return PercentEncode(path, "-._~/!$&'()*+,;=:@"); }

std::string RuleId(Cause c) { return "heap/" + std::string(CauseName(c)); }

}  // namespace

std::string FormatSarif(const Report& report, const std::string& cwd) {
  std::map<Cause, int> rule_index;
  for (const Site& s : report.sites()) rule_index.emplace(s.cause(), 0);
  std::string out = absl::StrCat(
      "{\n  \"version\": \"2.1.0\",\n",
      "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n",
      "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"heapmap\", \"rules\": [");
  int k = 0;
  for (auto& [cause, index] : rule_index) {
    index = k;
    absl::StrAppend(&out, k++ == 0 ? "\n" : ",\n", "      {\"id\": ",
                    Json(RuleId(cause)), ", \"name\": ",
                    Json(CauseName(cause)), ", \"shortDescription\": {\"text\": ",
                    Json("heap allocation: " + std::string(CauseName(cause))),
                    "}, \"help\": {\"text\": ", Json(CauseHint(cause)),
                    "}, \"defaultConfiguration\": {\"level\": \"note\"}}");
  }
  std::string root = absl::StrCat("file://", UriPath(cwd));
  if (root.back() != '/') root += '/';
  absl::StrAppend(&out, "\n    ]}},\n    \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": ",
                  Json(root), "}},\n    \"results\": [");
  bool first = true;
  // A physicalLocation: file names relative to the working directory are relative to
  // %SRCROOT%, absolute ones file:// URIs.
  auto physical = [](std::string_view file, uint32_t line, uint32_t column) {
    std::string artifact;
    if (!file.empty() && file[0] == '/') {
      artifact = absl::StrCat("{\"uri\": ", Json(absl::StrCat("file://", UriPath(file))), "}");
    } else {
      if (file.substr(0, 2) == "./") file.remove_prefix(2);
      artifact = absl::StrCat("{\"uri\": ", Json(UriPath(file)), ", \"uriBaseId\": \"%SRCROOT%\"}");
    }
    std::string region = absl::StrCat("{\"startLine\": ", std::max<uint32_t>(line, 1));
    if (column > 0 && column < 255) absl::StrAppend(&region, ", \"startColumn\": ", column);
    region += "}";
    return absl::StrCat("{\"physicalLocation\": {\"artifactLocation\": ", artifact,
                        ", \"region\": ", region, "}}");
  };
  for (const Site& s : report.sites()) {
    // Where the allocating expression is written; for an inlined body, the calls it was
    // inlined through (innermost first, the outermost last) are related locations.
    std::string location, related;
    if (s.has_written_at()) {
      location = physical(s.written_at().file(), s.written_at().line(), s.written_at().column());
      int id = 0;
      auto add = [&](std::string_view file, uint32_t line, uint32_t column, const std::string& what) {
        std::string loc = physical(file, line, column);
        loc.pop_back();  // the object's closing brace: id and message go in it
        absl::StrAppend(&related, id == 0 ? "" : ", ", loc, ", \"id\": ", id,
                        ", \"message\": {\"text\": ", Json(what), "}}");
        ++id;
      };
      for (const summary::SourcePos& p : s.inlined_at()) {
        add(p.file(), p.line(), p.column(), "inlined here");
      }
      add(s.file(), s.line(), s.column(),
          absl::StrCat("inlined here, into ", s.package(), ".", s.function()));
    } else {
      location = physical(s.file(), s.line(), s.column());
    }
    std::string message = SiteWhat(s);
    if (!s.detail().empty()) absl::StrAppend(&message, ": ", s.detail());
    absl::StrAppend(&message, " [", s.package(), ".", s.function(), "]");
    absl::StrAppend(
        &out, first ? "\n" : ",\n", "      {\"ruleId\": ",
        Json(RuleId(s.cause())), ", \"ruleIndex\": ",
        rule_index[s.cause()], ", \"level\": \"note\", \"message\": {\"text\": ", Json(message),
        "},\n       \"locations\": [", location, "]",
        related.empty() ? "" : absl::StrCat(",\n       \"relatedLocations\": [", related, "]"),
        ",\n       \"partialFingerprints\": {\"heapmapSiteId/v1\": ",
        Json(s.id()), "},\n       \"properties\": {\"staticWeight\": ", s.static_weight(),
        ", \"loopDepth\": ", s.loop_depth(),
        report.has_profile() ? absl::StrCat(", \"measured\": ", s.measured()) : "",
        ", \"package\": ", Json(s.package()),
        ", \"function\": ", Json(s.function()), ", \"text\": ", Json(s.text()), "}}");
    first = false;
  }
  absl::StrAppend(&out, "\n    ]\n  }]\n}\n");
  return out;
}

namespace {

// Go's url.PathEscape: all but letters, digits, "-_.~" and "$&+:=@" is %XX-escaped ('/'
// too: a package path becomes one segment).
std::string PathEscape(std::string_view s) { return PercentEncode(s, "-_.~$&+:=@"); }


std::string LspPoint(uint32_t line, uint32_t col) {
  std::string p = absl::StrCat("{\"line\":", line, ",\"character\":", col, "}");
  return absl::StrCat("{\"start\":", p, ",\"end\":", p, "}");
}

// gc's relatedInformation for code of an inlined body, which comes first: its inlined
// positions, from the second outermost to the innermost (where it is written), each
// "inlineLoc" (each entry followed by a comma).
std::string InlineLocs(const Site& s, const std::string& cwd) {
  if (!s.has_written_at()) return "";
  std::vector<const summary::SourcePos*> inner;
  for (int i = s.inlined_at_size() - 1; i >= 0; --i) inner.push_back(&s.inlined_at(i));
  inner.push_back(&s.written_at());
  std::string out;
  for (const summary::SourcePos* p : inner) {
    absl::StrAppend(&out, "{\"location\":{\"uri\":",
                    Json(absl::StrCat("file://", UriPath(base::AbsPath(cwd, p->file())))),
                    ",\"range\":", LspPoint(p->line(), p->column()),
                    "},\"message\":\"inlineLoc\"},");
  }
  return out;
}

}  // namespace

std::vector<OutputFile> FormatLogopt(const Report& report, const std::string& cwd,
                                     const std::string& goos, const std::string& goarch) {
  // (package, output file) -> (absolute source file, its sites in position order).
  std::map<std::pair<std::string, std::string>,
           std::pair<std::string, std::vector<const Site*>>> files;
  for (const Site& s : report.sites()) {
    std::string abs = base::AbsPath(cwd, s.file());
    std::string_view base = abs;
    base.remove_prefix(base.rfind('/') + 1);
    if (size_t dot = base.rfind(".go"); dot != std::string_view::npos) base = base.substr(0, dot);
    auto& [file, sites] = files[{s.package(), PathEscape(base) + ".json"}];
    if (file.empty()) file = abs;
    sites.push_back(&s);
  }
  std::vector<OutputFile> out;
  for (auto& [where, entry] : files) {
    auto& [file, sites] = entry;
    std::stable_sort(sites.begin(), sites.end(), [](const Site* a, const Site* b) {
      return std::make_tuple(a->file(), a->line(), a->column(), a->id()) <
             std::make_tuple(b->file(), b->line(), b->column(), b->id());
    });
    std::string text = absl::StrCat(
        "{\"version\":0,\"package\":", Json(where.first), ",\"goos\":", Json(goos),
        ",\"goarch\":", Json(goarch), ",\"gc_version\":\"go1.19 heapmap\",\"file\":", Json(file),
        "}\n");
    for (const Site* s : sites) {
      const std::string range = LspPoint(s->line(), s->column());
      // gc logs its escaping sites, moved variables and go/defer wrappers.
      const bool gc_logs = !s->message().empty() || s->cause() == CAUSE_GO_DEFER;
      std::string why = std::string(CauseName(s->cause()));
      if (!s->detail().empty()) absl::StrAppend(&why, ": ", s->detail());
      absl::StrAppend(&text, "{\"range\":", range, ",\"severity\":3,\"code\":",
                      gc_logs ? "\"escape\"" : "\"heap\"",
                      ",\"source\":\"heapmap\",\"message\":",
                      Json(!s->message().empty() ? s->message()
                           : gc_logs             ? s->text() + " escapes to heap"
                                                 : SiteWhat(*s)),
                      ",\"relatedInformation\":[", InlineLocs(*s, cwd), "{\"location\":{\"uri\":",
                      Json(absl::StrCat("file://", UriPath(base::AbsPath(cwd, s->file())))),
                      ",\"range\":", range, "},\"message\":",
                      Json(absl::StrCat("heapmap: ", why, "; ", std::string(CauseHint(s->cause())))),
                      "}]}\n");
    }
    out.push_back({absl::StrCat(PathEscape(where.first), "/", where.second), std::move(text)});
  }
  return out;
}

std::string MessageJson(const google::protobuf::Message& m, bool with_defaults) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = with_defaults;
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(m, &out, options);
  return out;
}

std::string FormatJson(const Report& report) { return MessageJson(report, /*with_defaults=*/false); }

}  // namespace heapmap::report
