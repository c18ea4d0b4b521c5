// summaries/analyze.cc — `heapmap analyze`'s engine: waves of check, lower and solve over
// the packages the cache cannot serve (see analyze.h).
#include "summaries/analyze.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "frontend/export/export.h"
#include "frontend/types/typestring.h"
#include "ir/ir.h"
#include "report/assert.h"
#include "report/callgraph.h"
#include "report/sites.h"
#include "summaries/artifact.h"
#include "summaries/inline_facts.h"
#include "summaries/lowering.h"
#include "summaries/parse_files.h"
#include "summaries/pipeline.h"
#include "summaries/scheduler.h"
#include "tbb/parallel_for.h"

namespace heapmap::summaries {
namespace {


// Per package, written by the worker that checked it (its importers run strictly later).
struct Lowered {
  bool skipped = false;
  std::string reason;  // why skipped ("" for its own errors, already printed as errors)
  ir::UnitList units;
  const ir::PackageInlining* inlining = nullptr;  // without -l: the inliner's result
  std::string api_text_hash;  // SHA-256 of its ApiText (with a cache, for the wave's packages)
  // With a cache, for the wave's packages: what importers read in place of its source
  // (PackageArtifact::export_data and inlining; empty when they cannot).
  std::string export_data;
  std::optional<summary::ImporterInlining> importer;  // set when it was inlined
  std::vector<summary::SourceFile> sources;  // without export data: its files, for the action
  // Its inliner's devirtualized types as importers name them (DevirtRefs; empty without
  // inlining); nullopt when one cannot be named: then importers check it from source, and
  // its checker types are kept (the inliner's facts point into them).
  std::optional<std::vector<summary::Devirt>> devirt = std::vector<summary::Devirt>();
};

struct SpliceCounts {
  std::atomic<long long> spliced{0};
  std::atomic<long long> kept{0};
  // Time spent in each step of the per-package work, summed over the workers (ns).
  std::atomic<long long> inline_ns{0}, lower_ns{0}, foreign_ns{0}, splice_ns{0};
};

// Adds the time since `start` to `total` and restarts the clock.
void Lap(std::chrono::steady_clock::time_point* start, std::atomic<long long>* total) {
  auto now = std::chrono::steady_clock::now();
  *total += std::chrono::duration_cast<std::chrono::nanoseconds>(now - *start).count();
  *start = now;
}

// gc's inlining lines of shape instances (stenciling): "can inline F[go.shape.int_0]" for
// each instance the package compiles whose generic is inlinable, and the lines of a
// generic body's inlined calls once per instance of it (the inliner analyzes a generic
// body once: InlineLine::generic_owner). Another package's generic is named with its
// package qualifier; the inlined calls in its body are not known here (its own package
// analyzed them) and are not printed.
void AddShapeInstanceLines(const ir::UnitList& units, const InlineFacts& facts,
                           const std::vector<std::string>& names, int m,
                           ir::PackageInlining* result) {
  absl::flat_hash_map<std::string, const ir::InlineFunc*> own;
  for (const ir::InlineFunc& f : result->funcs) own[f.symbol()] = &f;
  absl::flat_hash_map<std::string, std::vector<ir::InlineLine>> body_lines;  // by owner
  std::vector<ir::InlineLine> lines;
  for (ir::InlineLine& l : result->lines) {
    if (l.generic_owner.empty()) {
      lines.push_back(std::move(l));
    } else {
      body_lines[l.generic_owner].push_back(std::move(l));
    }
  }
  absl::flat_hash_set<std::string> quoted(result->quoted_names.begin(),
                                          result->quoted_names.end());
  for (const ir::FuncUnit& u : units) {
    if (u.funcs_size() == 0 || u.funcs(0).shape_origin().empty()) continue;
    const ir::Func& f = u.funcs(0);
    auto it = own.find(f.shape_origin());
    const bool foreign = it == own.end();
    const ir::InlineFunc* g = foreign ? facts.Func(f.shape_origin()) : it->second;
    if (g != nullptr && g->inlinable()) {
      std::string name = f.name();
      if (foreign) {
        std::string q = quoted.contains(g->pkg_name()) ? absl::StrCat("\"", g->pkg_path(), "\"")
                                                       : g->pkg_name();
        name = absl::StrCat(q, ".", name);
      }
      const std::string& file = u.files_size() > 0 ? u.files(0) : std::string();
      ir::InlineLine l;
      auto at = std::find(names.begin(), names.end(), file);
      l.file = at != names.end() ? static_cast<int>(at - names.begin())
                                 : std::numeric_limits<int>::max();
      l.pos.line = f.pos().line();
      l.pos.col = f.pos().col();
      l.text = absl::StrCat(file, ":", f.pos().line(), ":", f.pos().col(), ": can inline ", name);
      // -m=2: the generic body's cost (gc's " as: BODY" of a shape instance, with its
      // dictionary parameter and sub-dictionary texts, is not printed).
      if (m > 1) absl::StrAppend(&l.text, " with cost ", g->cost());
      lines.push_back(std::move(l));
    }
    if (!foreign) {
      auto bt = body_lines.find(f.shape_origin());
      if (bt == body_lines.end()) continue;
      // The body's literals are named after the instance: Clos[go.shape.int_0].func1.
      std::vector<std::pair<std::string, std::string>> renames;
      if (g != nullptr) {
        for (const char* verb : {": can inline ", ": inlining call to "}) {
          renames.emplace_back(absl::StrCat(verb, g->name(), "."), absl::StrCat(verb, f.name(), "."));
        }
      }
      for (ir::InlineLine l : bt->second) {
        for (const auto& [from, to] : renames) {
          if (size_t at = l.text.find(from); at != std::string::npos) l.text.replace(at, from.size(), to);
        }
        if (!l.instance_callee.empty()) {
          // A call of another generic: the instance this instance's call names.
          std::string callee;
          for (const ir::Call& c : u.calls()) {
            if (c.pos().line() == l.pos.line && c.pos().col() == l.pos.col &&
                c.kind() == ir::CALL_STATIC) {
              callee = c.callee();
            }
          }
          std::string_view pkg = ir::SymbolPackage(callee);
          if (callee.empty() || pkg.size() >= callee.size() ||
              !absl::EndsWith(l.text, l.instance_callee)) {
            continue;  // not inlined in this instance
          }
          std::string name = callee.substr(pkg.size() + 1);
          name = name.substr(0, name.find('\x01'));
          l.text.replace(l.text.size() - l.instance_callee.size(), l.instance_callee.size(), name);
        }
        lines.push_back(std::move(l));
      }
    }
  }
  result->lines = std::move(lines);
}

// What importers read from a package's inliner, for its API hash (artifact.h): the facts
// of its functions, the bodies they splice, the packages those bodies name, and the
// concrete types of its devirtualizing returns.
std::string InlineFactsBytes(const ir::PackageInlining& result,
                             const ir::UnitList& bodies,
                             const std::vector<const ir::FuncUnit*>& unchanged,
                             const ir::UnitList& foreign) {
  std::string out;
  for (const ir::InlineFunc& f : result.funcs) absl::StrAppend(&out, ir::SerializeDeterministic(f));
  for (const ir::FuncUnit& u : bodies) absl::StrAppend(&out, ir::SerializeDeterministic(u));
  for (const ir::FuncUnit* u : unchanged) absl::StrAppend(&out, ir::SerializeDeterministic(*u));
  for (const ir::FuncUnit& u : foreign) absl::StrAppend(&out, ir::SerializeDeterministic(u));
  for (const auto& [path, name] : result.body_packages) absl::StrAppend(&out, path, " ", name, "\n");
  std::vector<std::string> devirt;
  for (const auto& [symbol, type] : result.devirt) {
    devirt.push_back(absl::StrCat(symbol, " ", types::TypeString(type)));
  }
  std::sort(devirt.begin(), devirt.end());  // a hash map's order is not deterministic
  for (const std::string& d : devirt) absl::StrAppend(&out, d, "\n");
  return out;
}

// The devirtualizing returns' concrete types by package path and name (ImporterInlining::
// devirt), sorted by symbol; nullopt if one is not a package-level named type or a pointer
// to one.
std::optional<std::vector<summary::Devirt>> DevirtRefs(const ir::PackageInlining& result) {
  std::vector<summary::Devirt> out;
  for (const auto& [symbol, type] : result.devirt) {
    types::Type* t = type;
    bool pointer = false;
    if (auto* ptr = types::DynCast<types::Pointer>(t)) {
      t = ptr->elem();
      pointer = true;
    }
    auto* named = types::DynCast<types::Named>(t);
    types::TypeName* obj = named != nullptr ? named->obj() : nullptr;
    if (obj == nullptr || obj->pkg() == nullptr || !named->type_args().empty() ||
        obj->pkg()->scope()->Lookup(obj->name()) != obj) {
      return std::nullopt;
    }
    summary::Devirt& d = out.emplace_back();
    d.set_symbol(symbol);
    d.set_pkg(obj->pkg()->path());
    d.set_name(obj->name());
    d.set_pointer(pointer);
  }
  std::sort(out.begin(), out.end(), [](const summary::Devirt& a, const summary::Devirt& b) {
    return a.symbol() < b.symbol();
  });
  return out;
}

// DevirtRefs' types found again among `pkg` and its imports, transitively (a pointer made
// in pkg's arena: nothing else uses it until its importers start); an error if one is not
// there (a crafted entry).
template <typename Refs>
absl::StatusOr<absl::flat_hash_map<std::string, types::Type*>> ResolveDevirts(
    const Refs& refs, types::Package* pkg) {
  absl::flat_hash_map<std::string, types::Type*> out;
  if (refs.empty()) return out;
  // pkg and its imports, transitively, by path.
  absl::flat_hash_map<std::string, types::Package*> by_path = {{pkg->path(), pkg}};
  std::vector<types::Package*> work = {pkg};
  while (!work.empty()) {
    types::Package* q = work.back();
    work.pop_back();
    for (types::Package* r : q->imports()) {
      if (by_path.try_emplace(r->path(), r).second) work.push_back(r);
    }
  }
  for (const summary::Devirt& d : refs) {
    auto it = by_path.find(d.pkg());
    types::Package* home = it != by_path.end() ? it->second : nullptr;
    auto* obj = home != nullptr ? types::DynCast<types::TypeName>(home->scope()->Lookup(d.name()))
                                : nullptr;
    if (obj == nullptr || obj->type() == nullptr) {
      return absl::DataLossError(absl::StrCat("devirtualized type ", d.pkg(), ".", d.name(), " not found"));
    }
    types::Type* t = obj->type();
    if (d.pointer()) t = pkg->arena().New<types::Pointer>(t);
    out[d.symbol()] = t;
  }
  return out;
}

// What importers read from a package's inliner, as its artifact keeps it (`devirt`: its
// DevirtRefs).
void ImporterFacts(const ir::PackageInlining& result, const ir::UnitList& foreign,
                   const std::vector<summary::Devirt>& devirt, summary::ImporterInlining* out) {
  for (const ir::InlineFunc& f : result.funcs) *out->add_funcs() = f;
  for (const ir::FuncUnit& u : foreign) *out->add_bodies() = u;
  for (const auto& [path, name] : result.body_packages) {
    ir::PackageName* n = out->add_body_packages();
    n->set_path(path);
    n->set_name(name);
  }
  for (const summary::Devirt& d : devirt) *out->add_devirt() = d;
}

// The inliner's facts of a package read from export data (ImporterFacts' output), added
// to `facts` as its lowering would have; an error if a devirtualized type is not found
// among the package and its imports (a crafted entry).
absl::Status AddImportedFacts(const CheckedPackage& p, const summary::ImporterInlining& in,
                              InlineFacts* facts, Lowered* out) {
  ir::PackageInlining result;
  result.funcs.assign(in.funcs().begin(), in.funcs().end());
  for (const ir::PackageName& n : in.body_packages()) result.body_packages.emplace_back(n.path(), n.name());
  ir::UnitList bodies(in.bodies().begin(), in.bodies().end());  // validated
  absl::StatusOr<absl::flat_hash_map<std::string, types::Type*>> devirt =
      ResolveDevirts(in.devirt(), p.types_pkg);
  if (!devirt.ok()) return devirt.status();
  result.devirt = *std::move(devirt);
  out->inlining = &facts->Add(p.pkg->import_path, std::move(result), {}, {}, std::move(bodies));
  return absl::OkStatus();
}

// Lowers p; with inlining on, as gc does it: the inliner's decisions first (its imports'
// facts are final), the calls it expands printed as their result variables, and then the
// bodies of those calls spliced into p's units. Importers get the lowered bodies of p's
// inlinable functions twice: as p prints them and as an importer prints them. With
// `inline_facts`, also what importers read from p's inliner (InlineFactsBytes), and
// out->importer (ImporterFacts). Sets out->devirt.
absl::Status LowerPackageForAnalyze(const CheckedPackage& p, const std::vector<std::string>& names,
                                    bool inlining, int m, std::string* inline_facts,
                                    InlineFacts* facts,
                                    const GenericSources* generics, Lowered* out,
                                    SpliceCounts* counts) {
  ir::LowerOptions lopts;
  lopts.display_names = names;
  lopts.explain = m > 1;  // -m=2: notes for the solver's explanations
  lopts.wrappers = m > 1;  // and gc's method wrappers, which only explain
  lopts.generic_source = [generics](const types::Func* origin) { return generics->Find(origin); };
  ir::PackageInlining result;
  auto clock = std::chrono::steady_clock::now();
  if (inlining) {
    result = ir::AnalyzeInlining(*p.types_pkg, p.files, *p.info, facts->Options(m, names));
    for (const ir::InlineSite& s : result.sites) {
      lopts.inlined_calls[s.call] = ir::LowerOptions::InlinedCall{s.result_text, s.devirt_type};
    }
    lopts.quoted_names = result.quoted_names;
    Lap(&clock, &counts->inline_ns);
  } else {
    // The inliner counts the packages gc knows with the imports' memoized walks; without
    // it, lowering does the same.
    lopts.quoted_names = ir::AmbiguousPackageNames(
        *p.types_pkg, nullptr,
        [facts](const types::Package& q) { return facts->ExportedPackages(q); });
  }
  // With inlining, which inlinable bodies importers would print otherwise (below).
  absl::flat_hash_set<std::string> texts_vary;
  if (inlining) lopts.texts_vary = &texts_vary;
  absl::StatusOr<ir::UnitList> units = LowerForAnalyze(p, lopts);
  lopts.texts_vary = nullptr;
  if (!units.ok()) return units.status();
  out->units = *std::move(units);
  Lap(&clock, &counts->lower_ns);
  if (!inlining) return absl::OkStatus();

  AddShapeInstanceLines(out->units, *facts, names, m, &result);
  absl::flat_hash_set<std::string> inlinable;
  for (const ir::InlineFunc& f : result.funcs) {
    if (f.inlinable()) inlinable.insert(f.symbol());
  }
  // The lines of each file where calls are spliced: a body with none is never changed by
  // splicing and p's own splicing reads it in place; the others are copied first (the
  // splicer's own test: a site between the unit's first line and its last call).
  absl::flat_hash_map<std::string, std::vector<int>> site_lines;
  for (const ir::InlineSite& s : result.sites) site_lines[names[s.file]].push_back(s.pos.line);
  auto spliced = [&site_lines](const ir::FuncUnit& u) {
    if (u.files_size() == 0) return false;
    auto it = site_lines.find(u.files(0));
    if (it == site_lines.end()) return false;
    uint32_t first = UINT32_MAX, last = 0;
    for (const ir::Func& f : u.funcs()) first = std::min(first, f.pos().line());
    for (const ir::Call& c : u.calls()) last = std::max(last, c.pos().line());
    for (int line : it->second) {
      if (static_cast<uint32_t>(line) >= first && static_cast<uint32_t>(line) <= last) return true;
    }
    return false;
  };
  ir::UnitList bodies;                         // copies of the bodies splicing changes
  std::vector<const ir::FuncUnit*> unchanged;  // the others, not copied
  for (const ir::FuncUnit& u : out->units) {
    if (u.funcs_size() == 0) continue;
    const ir::Func& f = u.funcs(0);
    bool instance = false;  // a shape instance of an inlinable generic (InstanceCallee)
    if (!f.shape_origin().empty()) {
      const ir::InlineFunc* g =
          inlinable.contains(f.shape_origin()) ? nullptr : facts->Func(f.shape_origin());
      instance = inlinable.contains(f.shape_origin()) || (g != nullptr && g->inlinable());
    }
    if (!inlinable.contains(f.symbol()) && !instance) continue;
    if (spliced(u)) {
      bodies.push_back(u);
    } else {
      unchanged.push_back(&u);
    }
  }
  // Importers' copies: lowered again with foreign texts where a text would be spelled
  // otherwise (texts_vary), the same bytes as p's own units elsewhere (four in five in
  // std): those are copied, before splicing changes p's units. In declaration order.
  ir::UnitList foreign;
  if (!inlinable.empty()) {
    ir::LowerOptions fopts = lopts;
    fopts.foreign_texts = true;
    fopts.only = [&inlinable, &texts_vary](const std::string& symbol) {
      return inlinable.contains(symbol) && texts_vary.contains(symbol);
    };
    absl::StatusOr<ir::UnitList> f = LowerForAnalyze(p, std::move(fopts));
    if (!f.ok()) return f.status();
    size_t next = 0;  // the next unit of *f, in the same declaration order
    for (const ir::FuncUnit& u : out->units) {
      if (u.funcs_size() == 0) continue;
      const std::string& symbol = u.funcs(0).symbol();
      if (!inlinable.contains(symbol)) continue;
      if (!texts_vary.contains(symbol)) {
        foreign.push_back(u);
      } else if (next < f->size() && (*f)[next].funcs_size() > 0 &&
                 (*f)[next].funcs(0).symbol() == symbol) {
        foreign.push_back((*f)[next++]);
      }
    }
    if (next != f->size()) {
      return absl::InternalError(absl::StrCat(p.pkg->import_path,
                                              ": importers' bodies out of declaration order"));
    }
  }
  out->devirt = DevirtRefs(result);
  if (inline_facts != nullptr) {
    *inline_facts = InlineFactsBytes(result, bodies, unchanged, foreign);
    if (out->devirt) ImporterFacts(result, foreign, *out->devirt, &out->importer.emplace());
  }
  out->inlining =
      &facts->Add(p.pkg->import_path, std::move(result), std::move(bodies), std::move(unchanged),
                  std::move(foreign));
  Lap(&clock, &counts->foreign_ns);
  absl::flat_hash_map<std::string, std::vector<const ir::InlineSite*>> sites;  // by file
  for (const ir::InlineSite& s : out->inlining->sites) sites[names[s.file]].push_back(&s);
  ir::SpliceOptions options;
  options.pkg_path = p.pkg->import_path;
  // The same callees come back many times (a package calls its helpers and the same
  // imports' functions at many sites): each is looked up in the shared table (a lock, its
  // package by path) once. The table's entries do not change while p is spliced.
  absl::flat_hash_map<std::string, ir::InlineBody> body_memo;
  options.body = [facts, &p, &body_memo](std::string_view symbol) {
    auto [it, inserted] = body_memo.try_emplace(absl::string_view(symbol.data(), symbol.size()));
    if (inserted) it->second = facts->Body(symbol, p.pkg->import_path);
    return it->second;
  };
  absl::flat_hash_set<std::string> quoted(out->inlining->quoted_names.begin(),
                                          out->inlining->quoted_names.end());
  options.qualify = [&quoted](std::string_view path, std::string_view name) {
    return quoted.contains(std::string(name)) ? "\"" + std::string(path) + "\""
                                              : std::string(name);
  };
  ir::SpliceStats stats;
  for (ir::FuncUnit& u : out->units) {
    if (u.files_size() == 0) continue;
    auto it = sites.find(u.files(0));
    if (it != sites.end()) ir::SpliceInlinedCalls(&u, it->second, options, &stats);
  }
  counts->spliced += stats.spliced;
  counts->kept += stats.kept;
  // Memory: the copies above served p's own splicing alone.
  facts->ReleaseOwnBodies(p.pkg->import_path);
  Lap(&clock, &counts->splice_ns);
  return absl::OkStatus();
}

// `text` with `from` replaced by `to` where a line starts with it.
std::string ReplaceLinePrefix(const std::string& text, const std::string& from,
                              const std::string& to) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    if (text.compare(start, from.size(), from) == 0) {
      absl::StrAppend(&out, to, absl::string_view(text).substr(start + from.size(), end - start - from.size()));
    } else {
      absl::StrAppend(&out, absl::string_view(text).substr(start, end - start));
    }
    start = end;
  }
  return out;
}

// Whether `file` is one of the files of the package in `dir`.
bool InDir(const std::string& dir, const std::string& file) {
  return file.size() > dir.size() && file.compare(0, dir.size(), dir) == 0 &&
         file[dir.size()] == '/' && file.find('/', dir.size() + 1) == std::string::npos;
}

// A file's name in the action's artifact (its sources, its export data), the same bytes
// wherever the action runs: the package's own files (in `dir`) under -srcdir when given,
// every other name as printed (relative to the working directory when under it). Importers
// resolve them with ResolveSourcePath. A scan's artifacts (the cache, keyed by the working
// directory) keep names as read.
std::string ArtifactFileName(const ScanOptions& o, const std::string& dir, const std::string& file) {
  if (!o.action) return file;
  if (!o.source_dir.empty() && InDir(dir, file)) {
    return absl::StrCat(o.source_dir, file.substr(dir.size()));
  }
  return DisplayName(file, o.cwd);
}

// A file's name as the output prints it (DisplayName): relative to the working directory,
// or for the action with -tree, relative to the tree, the package's own files (in `dir`)
// being where -srcdir says.
std::string ShownName(const ScanOptions& o, const std::string& dir, const std::string& file) {
  if (o.tree.empty()) return DisplayName(file, o.cwd);
  if (!o.source_dir.empty() && InDir(dir, file)) {
    return DisplayName(absl::StrCat(o.source_dir, file.substr(dir.size())), o.tree);
  }
  return DisplayName(file, o.tree);
}

// Everything besides the sources that changes analyze's output: part of every package's
// cache key. The working directory is in it: file names print relative to it, another
// package's too (a generic's shape instances). So is the heapmap binary's identity (size
// and modification time, as the go command keys actions by its compiler's build ID): a
// rebuilt heapmap never reads what another build stored, whatever kAnalyzerVersion says.
// The per-package action (`action`) leaves out the working directory, the binary and
// GOROOT: its artifact must be the same bytes in any sandbox or output base and on any
// machine (a build system keys it by the binary's digest and its inputs), and it reads
// nothing but its inputs, named relative to the working directory.
std::string AnalyzeConfig(const ScanOptions& o, const load::BuildContext& ctx, bool action) {
  std::string where;
  if (!action) {
    std::string exe = "unknown";
    struct stat st;
    if (::stat("/proc/self/exe", &st) == 0) {
      exe = absl::StrCat(st.st_size, " ", st.st_mtim.tv_sec, ".", st.st_mtim.tv_nsec);
    }
    where = absl::StrCat("\nexe ", exe, "\ncwd ", o.cwd, "\ngoroot ", ctx.goroot);
  }
  const ir::InlineOptions& in = o.inline_settings;
  return absl::StrCat(kAnalyzerVersion, where, "\nir ", ir::kIrSchemaVersion, "\ngoos ",
                      ctx.goos, " goarch ", ctx.goarch, " cgo ", ctx.cgo_enabled, " go1.",
                      ctx.go_minor_version, "\ntags ", absl::StrJoin(ctx.build_tags, ","),
                      "\nm ", o.m, " l ", o.no_inline, " inline ", in.extra_call_cost, " ",
                      in.funcs_with_closures, " smallframes ", o.small_frames, " race ",
                      in.race);
}

// The block analyze prints for a named package: "# path", the inliner's lines, the -m lines,
// then the generated wrappers' lines. Returns the number of lines ("" and 0 if none).
size_t FormatPackageBlock(const std::string& path, const PackageResult& r,
                          const ir::PackageInlining* inlining, std::string* block) {
  // gc inlines before it analyzes escapes: the inliner's lines come first.
  std::vector<const ir::InlineLine*> inline_lines;
  if (inlining != nullptr) inline_lines = SortedLines(*inlining);
  if (r.diagnostics.empty() && inline_lines.empty()) return 0;
  size_t lines = 0;
  absl::StrAppend(block, "# ", path, "\n");
  for (const ir::InlineLine* l : inline_lines) {
    if (l->autogenerated) continue;
    absl::StrAppend(block, l->text, "\n");
    ++lines;
  }
  for (const summary::Diagnostic& d : r.diagnostics) {
    absl::StrAppend(block, solver::FormatDiagnostic(d), "\n");
    ++lines;
  }
  // The wrappers' lines: gc writes the runtime types (and generates the wrappers) after
  // compiling the package's functions.
  for (const ir::InlineLine* l : inline_lines) {
    if (!l->autogenerated) continue;
    absl::StrAppend(block, l->text, "\n");
    ++lines;
  }
  return lines;
}

// What a wave computed for one package.
struct PackageReport {
  bool done = false;  // computed by a wave (else printed from its artifact, or a dependency)
  PackageOutput output;
};

// One wave of a scan (summaries/artifact.h): load, parse, check and lower `wave` and its
// imports, solve the wave's packages (the others reuse their artifacts' results), and
// record each of the wave's packages in `state` and `reports`.
// `sources`: files read from these (by path), and from the disk only when mapped to
// nullopt (the per-package action: its own files).
void AnalyzeWave(const ScanOptions& o, const load::BuildContext& ctx,
                 const load::LoadResult& loaded, const std::vector<bool>& wave,
                 RescanState* state, std::vector<PackageReport>* reports,
                 SpliceCounts* splice_stats, ScanStats* times,
                 const absl::flat_hash_map<std::string, std::optional<std::string>>* sources = nullptr) {
  const auto wave_start = std::chrono::steady_clock::now();
  const bool caching = state->caching();
  const size_t n = loaded.packages.size();
  std::mutex mu;
  absl::flat_hash_map<size_t, std::unique_ptr<Lowered>> lowered;  // by package index
  InlineFacts facts(o.inline_settings);
  GenericSources generics;

  AnalyzeOptions aopts;
  if (o.small_frames) {  // base.Flag.SmallFrames: ir.MaxStackVarSize, MaxImplicitStackVarSize
    aopts.solver.max_stack_var_size = 128 * 1024;
    aopts.solver.max_implicit_stack_var_size = 16 * 1024;
  }
  aopts.solver.explain = o.m > 1;
  aopts.version = kAnalyzerVersion;
  TypecheckOptions topts;
  topts.sizes = types::GcSizesFor(ctx.goarch);
  topts.only = state->WithImports(wave);
  if (sources != nullptr) {
    topts.read_file = [sources](const std::string& path) -> std::optional<std::string> {
      auto it = sources->find(path);
      if (it == sources->end()) return std::nullopt;
      if (it->second) return *it->second;
      std::string data, error;
      if (!ReadFile(path, data, error)) return std::nullopt;
      return data;
    };
  }
  // The wave's imports whose artifacts carry export data are read from it, not checked.
  std::atomic<size_t> imported{0};
  if (caching) {
    topts.export_data = [&wave, state](size_t i) -> std::string_view {
      if (i < wave.size() && wave[i]) return {};
      const summary::PackageArtifact* a = state->ReusedImport(i);
      if (a == nullptr) return {};
      // Bodies the splicer would trust (a crafted entry; corruption fails the checksum).
      for (const ir::FuncUnit& u : a->inlining().bodies()) {
        if (!ir::Validate(u).ok()) return {};
      }
      return a->export_data();
    };
  }
  std::atomic<size_t> done{0};
  const size_t total = std::count(topts.only.begin(), topts.only.end(), true);
  auto progress = [&] {
    size_t k = done.fetch_add(1) + 1;
    if (o.progress && total >= 200 && k % 100 == 0) {
      std::fprintf(stderr, "heapmap %s: %zu/%zu packages\n", o.command.c_str(), k, total);
    }
  };
  AnalyzeStats stats;
  ProgramAnalysis program(n, aopts, &stats);
  // A wave package's report and artifact, made as soon as it is solved (its imports are
  // recorded by then); the artifact is written by a task of its own, which nothing waits
  // for but the end of the wave.
  auto finish = [&](size_t i, PackageResult& r, Lowered& l, PackageGraph& graph) {
    const load::Package& pkg = loaded.packages[i];
    (*reports)[i].done = true;
    PackageOutput& rep = (*reports)[i].output;
    for (const std::string& e : r.errors) {
      absl::StrAppend(&rep.err, "heapmap: ", pkg.import_path, ": ", e, "\n");
      rep.failed = true;
    }
    if (!pkg.dep_only) {
      rep.lines = FormatPackageBlock(pkg.import_path, r, l.inlining, &rep.out);
      // Kept in its artifact too, so that a report reads a warm cache.
      if (o.report || caching) {
        rep.report = report::PackageSites(pkg.import_path, r.results);
        std::vector<const ir::FuncUnit*> units;
        for (const ir::FuncUnit& u : l.units) units.push_back(&u);
        report::AddCalls(units, rep.report);
        report::AddAssertions(units, rep.report);
      }
    }
    const bool clean = r.errors.empty();
    summary::PackageArtifact artifact;
    std::string own_api;
    if (caching && clean) {
      artifact.set_output(rep.out);
      artifact.set_lines(static_cast<uint32_t>(rep.lines));
      artifact.set_report(ir::SerializeDeterministic(rep.report));
      for (const summary::BatchResult& b : r.results) *artifact.add_results() = b;
      own_api = OwnApiHash(artifact, l.api_text_hash);
      // Moved: nothing reads them once the package is solved.
      artifact.set_export_data(std::move(l.export_data));
      if (!artifact.export_data().empty() && l.importer) {
        artifact.mutable_inlining()->Swap(&*l.importer);
      }
      l.importer.reset();
      for (summary::SourceFile& f : l.sources) artifact.add_sources()->Swap(&f);
      l.sources.clear();
    }
    if (!o.report) rep.report.Clear();
    std::optional<summary::PackageArtifact> store =
        state->Computed(i, std::move(artifact), own_api, clean);
    if (store) {
      graph.Spawn([state, i, a = std::move(*store)]() mutable { state->Store(i, std::move(a)); });
    }
  };
  // The pipeline's second stage: solve each package once it and its imports are lowered
  // and solved (a package that was not given, skipped or not in the wave, is passed
  // through); then make its report and artifact, and free what importers do not read:
  // its -m lines, its inliner's lines and sites, and its units (importers splice the
  // `foreign` bodies InlineFacts keeps).
  topts.then.push_back([&](size_t i, PackageGraph& graph, PackageGraph::Done done) {
    program.Solve(static_cast<uint32_t>(i), graph, [&, i, done = std::move(done)] {
      Lowered* l = nullptr;
      {
        std::lock_guard<std::mutex> lock(mu);
        auto it = lowered.find(i);
        if (it != lowered.end()) l = it->second.get();
      }
      PackageResult& r = program.Result(static_cast<uint32_t>(i));
      if (l != nullptr && r.analyzed) {
        if (i < wave.size() && wave[i]) finish(i, r, *l, graph);
        if (l->inlining != nullptr) facts.ReleasePrinted(loaded.packages[i].import_path);
        r.diagnostics.clear();
        r.diagnostics.shrink_to_fit();
        for (summary::BatchResult& b : r.results) b.clear_diagnostics();
        l->units.clear();
      }
      if (topts.only[i]) progress();
      done();
    });
  });
  std::mutex checked_mu;
  auto checked_at = wave_start;  // when the last package was checked and lowered
  topts.on_checked = [&](CheckedPackage& p, const TypedProgram& prog) {
    auto out = std::make_unique<Lowered>();
    out->skipped = p.has_errors;
    for (size_t j : p.imports) {
      if (out->skipped) break;
      const CheckedPackage& q = *prog.packages[j];
      if (q.pkg->import_path == "unsafe") continue;
      bool broken = !q.checked;
      if (!broken) {
        std::lock_guard<std::mutex> lock(mu);
        auto it = lowered.find(j);
        broken = it == lowered.end() || it->second->skipped;
      }
      if (broken) {
        out->skipped = true;
        out->reason = absl::StrCat("it imports ", q.pkg->import_path, ", which was skipped");
      }
    }
    if (!out->skipped && p.from_export) {
      // Read from its artifact (topts.export_data): its inliner's facts too, and its
      // results below; it is neither lowered nor solved.
      const summary::PackageArtifact* a = state->ReusedImport(p.index);
      absl::Status s = a->has_inlining() ? AddImportedFacts(p, a->inlining(), &facts, out.get())
                                         : absl::OkStatus();
      if (!s.ok()) {
        out->skipped = true;
        out->reason = absl::StrCat("its cached artifact is unusable: ", s.message());
      }
      imported.fetch_add(1);
    } else if (!out->skipped) {
      std::vector<std::string> names;
      for (const syntax::ParsedFile* f : p.files) {
        names.push_back(ShownName(o, p.pkg->dir, f->filename));
      }
      // The wave's packages get API hashes (artifact.h); their imports only serve them.
      const bool api = caching && p.index < wave.size() && wave[p.index];
      std::string inline_facts;
      absl::Status lowered_ok =
          // gc's flags reach only the packages named on the command line (`go build
          // -gcflags='-m -l' pkgs`): their dependencies are compiled with inlining on,
          // and the summaries callers see are of the inlined code.
          LowerPackageForAnalyze(p, names, !o.no_inline || p.pkg->dep_only,
                                 p.pkg->dep_only ? 1 : o.m, api ? &inline_facts : nullptr,
                                 &facts, &generics, out.get(), splice_stats);
      if (api) out->api_text_hash = Sha256Hex(ApiText(*p.types_pkg, p.files, names, inline_facts));
      // After its own lowering: Add moves p.info. Nothing reads the trees of a package
      // without generic code once it is lowered (units, inline bodies and texts are
      // copies), so they are freed now: memory follows the packages in flight.
      const bool kept = generics.Add(p);
      // Importers stencil a generic's body from its source: they read such a package
      // from source, and from export data only the others.
      if (api && !kept && out->devirt) {
        out->export_data = exportdata::WriteExportData(
            *p.types_pkg,
            [&o, &p](const std::string& f) { return ArtifactFileName(o, p.pkg->dir, f); });
      }
      if (api && out->export_data.empty()) {
        for (const syntax::ParsedFile* f : p.files) {
          summary::SourceFile& sf = out->sources.emplace_back();
          // As printed (relative to the working directory when under it): an importer's
          // action resolves it against its own (ResolveSourcePath), in another sandbox;
          // or where the tree has it (source_dir).
          sf.set_path(ArtifactFileName(o, p.pkg->dir, f->filename));
          sf.set_data(f->source);
        }
      }
      if (!lowered_ok.ok()) {
        out->skipped = true;
        out->reason = absl::StrCat("lowering failed: ", lowered_ok.message());
      }
      p.release_files = !kept && lowered_ok.ok();
      // Memory: the checker's types of the package (its functions' objects, scopes) are
      // freed; its importers read a copy from its export data. Not for a package with
      // generic code (its Info is kept), nor one whose facts keep types of its own that
      // cannot be found again.
      if (!kept && lowered_ok.ok() && out->devirt) {
        p.info.reset();
        // The action's export data names files as its importers will: this process goes on
        // with the names it read.
        std::string data = out->export_data.empty() || o.action
                               ? exportdata::WriteExportData(*p.types_pkg)
                               : out->export_data;
        ReplaceTypesWithExportData(prog, p, data, [&](types::Package* fresh) {
          if (out->devirt->empty()) return true;
          absl::StatusOr<absl::flat_hash_map<std::string, types::Type*>> types =
              ResolveDevirts(*out->devirt, fresh);
          if (!types.ok()) return false;
          facts.SetDevirt(p.pkg->import_path, *std::move(types));
          return true;
        });
      }
    }
    PackageInput in;
    if (!out->skipped) {
      in.path = p.pkg->import_path;
      for (const ir::FuncUnit& u : out->units) in.units.push_back(&u);
      in.imports.assign(p.imports.begin(), p.imports.end());
      if (p.index >= wave.size() || !wave[p.index]) in.reuse = state->ReusedResults(p.index);
      if (p.from_export && in.reuse == nullptr) {
        out->skipped = true;
        out->reason = "its cached artifact has no results";
      }
    }
    if (!out->skipped) program.Add(static_cast<uint32_t>(p.index), std::move(in));

    {
      std::lock_guard<std::mutex> lock(mu);
      lowered[p.index] = std::move(out);
    }
    std::lock_guard<std::mutex> lock(checked_mu);
    checked_at = std::max(checked_at, std::chrono::steady_clock::now());
  };
  TypedProgram prog = ParseCheck(loaded, topts);
  std::vector<PackageResult> results = program.TakeResults();
  const auto solved_at = std::chrono::steady_clock::now();

  // The wave's packages that were not analyzed (their importers were not either): why,
  // for the named ones.
  for (size_t i = 0; i < n && i < wave.size(); ++i) {
    if (!wave[i] || results[i].analyzed) continue;
    state->Computed(i, {}, "", /*clean=*/false);
    const CheckedPackage& p = *prog.packages[i];
    (*reports)[i].done = true;
    if (p.pkg->dep_only || p.pkg->import_path == "unsafe") continue;
    PackageOutput& rep = (*reports)[i].output;
    rep.skipped = rep.failed = true;
    std::string errors;
    FormatPackageErrors(prog, p, &errors);
    if (errors.empty()) {
      auto it = lowered.find(i);
      errors = absl::StrCat("heapmap: skipping ", p.pkg->import_path, ": ",
                            it != lowered.end() && !it->second->reason.empty()
                                ? it->second->reason
                                : "it could not be loaded",
                            "\n");
    }
    absl::StrAppend(&rep.err, "# ", p.pkg->import_path, "\n", errors);
  }
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  times->check_s += secs(wave_start, checked_at);
  times->solve_s += secs(checked_at, solved_at);  // what solving left after the last check
  times->batches += stats.batches.load();
  times->imports_from_artifacts += imported.load();
  times->solved += stats.solved.load();
}

}  // namespace

ActionResult AnalyzePackage(const load::BuildContext& ctx, const load::LoadResult& loaded,
                            size_t target,
                            std::vector<std::optional<summary::PackageArtifact>> imports,
                            const ScanOptions& scan_options) {
  ScanOptions options = scan_options;
  options.action = true;
  ActionResult result;
  const size_t n = loaded.packages.size();
  imports.resize(n);
  absl::flat_hash_map<std::string, std::optional<std::string>> sources;
  for (size_t i = 0; i < n; ++i) {
    if (i == target || loaded.packages[i].import_path == "unsafe") continue;
    if (!imports[i]) {
      result.output.failed = true;
      absl::StrAppend(&result.output.err, "heapmap: no artifact given for ",
                      loaded.packages[i].import_path, "\n");
      continue;
    }
    for (const summary::SourceFile& f : imports[i]->sources()) {
      sources[ResolveSourcePath(f.path(), options.cwd)] = f.data();
    }
  }
  if (result.output.failed || target >= n) return result;
  for (const std::string& f : loaded.packages[target].go_files) {
    sources[loaded.packages[target].dir + "/" + f] = std::nullopt;  // read from the disk
  }
  RescanState state(
      loaded, AnalyzeConfig(options, ctx, /*action=*/true),
      [&options, &dir = loaded.packages[target].dir](const std::string& f) {
        return ShownName(options, dir, f);
      },
      target,
      std::move(imports));
  std::vector<PackageReport> reports(n);
  SpliceCounts splice;
  for (std::vector<bool> wave = state.NextWave(); !wave.empty(); wave = state.NextWave()) {
    AnalyzeWave(options, ctx, loaded, wave, &state, &reports, &splice, &result.stats, &sources);
  }
  result.output = std::move(reports[target].output);
  if (!options.source_dir.empty()) {
    // Errors name the package's files as read (in the sandbox); as analyze in the tree
    // would, they name them where -srcdir says.
    result.output.err = ReplaceLinePrefix(result.output.err, loaded.packages[target].dir + "/",
                                          options.source_dir + "/");
  }
  result.artifact = state.TakeStored(target);
  return result;
}

ScanResult Scan(const load::BuildContext& ctx, const load::LoadResult& loaded,
                const ScanOptions& options) {
  // Packages whose artifact is in the cache are printed from it and never parsed; the
  // others are computed in at most two waves (artifact.h).
  RescanState state(
      loaded, AnalyzeConfig(options, ctx, /*action=*/false),
      [&options](const std::string& f) { return DisplayName(f, options.cwd); }, options.cache,
      options.cache_stats);
  const size_t n = loaded.packages.size();
  std::vector<PackageReport> reports(n);
  SpliceCounts splice;
  ScanResult result;
  for (std::vector<bool> wave = state.NextWave(); !wave.empty(); wave = state.NextWave()) {
    AnalyzeWave(options, ctx, loaded, wave, &state, &reports, &splice, &result.stats);
  }
  result.packages.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const load::Package& p = loaded.packages[i];
    if (p.dep_only || p.import_path == "unsafe") continue;
    if (reports[i].done) {
      result.packages[i] = std::move(reports[i].output);
    } else if (const summary::PackageArtifact* a = state.Reused(i)) {
      result.packages[i].out = a->output();
      result.packages[i].lines = a->lines();
      // Checked with the entry (its checksum); a report that does not parse is empty.
      if (options.report && !result.packages[i].report.ParseFromString(a->report())) {
        result.packages[i].report.Clear();
      }
    }
  }
  ScanStats& s = result.stats;
  s.named_reused = state.named_reused();
  s.named_rebuilt = state.named_rebuilt();
  s.cut_off = state.cut_off();
  s.waves = state.waves();
  s.spliced = splice.spliced.load();
  s.kept = splice.kept.load();
  s.inline_s = splice.inline_ns.load() / 1e9;
  s.lower_s = splice.lower_ns.load() / 1e9;
  s.bodies_s = splice.foreign_ns.load() / 1e9;
  s.splice_s = splice.splice_ns.load() / 1e9;
  return result;
}

}  // namespace heapmap::summaries
