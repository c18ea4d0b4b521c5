// driver/inline_command.cc — `heapmap inline -m`: gc's inlining decisions over whole programs.
//
// Loads the packages with their dependencies and type-checks them in import order; right
// after a package is checked (on its worker, while its types::Info is alive) the inliner
// (ir/inline.h) decides its functions' inlinability and its call sites, reading the facts
// of the packages it imports, which are final by then. Prints, for each package named,
// "# importpath" and its inlining lines ordered by position.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "driver/commands.h"
#include "summaries/inline_facts.h"
#include "summaries/pipeline.h"
#include "ir/inline.h"
#include "tbb/global_control.h"

namespace heapmap::driver {

using summaries::CheckedPackage;
using summaries::TypedProgram;
using summaries::TypecheckOptions;
using summaries::ParseCheck;
using summaries::FormatPackageErrors;
using summaries::CurrentDir;
using summaries::DisplayName;
using summaries::InlineFacts;
using summaries::SortedLines;

ir::InlineOptions InlineSettings(const CommandLine& cl) {
  ir::InlineOptions settings;
  settings.extra_call_cost = cl.inline_level == 4 ? 1 : ir::kInlineExtraCallCost;
  settings.funcs_with_closures = cl.inline_funcs_with_closures;
  settings.race = cl.race;
  return settings;
}

int RunInline(const CommandLine& cl) {
  auto start = std::chrono::steady_clock::now();
  if (!cl.escape_m) {
    std::fprintf(stderr, "heapmap: inline needs -m (the -m lines are its only output for now)\n");
    return 2;
  }
  if (cl.no_inline) {
    std::fprintf(stderr, "heapmap: inline -l: inlining is off, there is nothing to print "
                         "(-l=0, -l=2, -l=3 and -l=4 keep it on)\n");
    return 2;
  }
  std::optional<load::BuildContext> ctx = BuildContextOrReport(cl);
  if (!ctx) return 2;
  const std::string cwd = CurrentDir();
  InlineFacts facts(InlineSettings(cl));
  TypecheckOptions topts;
  topts.sizes = types::GcSizesFor(ctx->goarch);
  topts.on_checked = [&](CheckedPackage& p, const TypedProgram&) {
    if (p.has_errors) return;
    std::vector<std::string> names;
    for (const syntax::ParsedFile* f : p.files) names.push_back(DisplayName(f->filename, cwd));
    // Callees of inlined bodies may live in any package below this one: all are added.
    ir::InlineOptions options = facts.Options(cl.m_level, std::move(names));
    facts.Add(p.pkg->import_path, ir::AnalyzeInlining(*p.types_pkg, p.files, *p.info, options),
              {}, {}, {});
  };
  TypedProgram prog = ParseCheck(LoadPackages(cl, *ctx, /*with_deps=*/true), topts);
  int status = 0;
  for (const std::string& error : prog.loaded.errors) {
    std::fprintf(stderr, "heapmap: %s\n", error.c_str());
    status = 1;
  }
  std::string out, err;
  size_t lines = 0;
  for (const auto& pp : prog.packages) {
    const CheckedPackage& p = *pp;
    if (p.pkg->dep_only || p.pkg->import_path == "unsafe") continue;
    const ir::PackageInlining* result = facts.Find(p.pkg->import_path);
    if (result == nullptr) {
      status = 1;
      std::string errors;
      FormatPackageErrors(prog, p, &errors);
      absl::StrAppend(&err, "# ", p.pkg->import_path, "\n", errors);
      continue;
    }
    std::vector<const ir::InlineLine*> sorted = SortedLines(*result);
    // Lines of generic bodies belong to their shape instances, which only lowering finds
    // (`analyze -m` prints them).
    sorted.erase(std::remove_if(sorted.begin(), sorted.end(),
                                [](const ir::InlineLine* l) { return !l->generic_owner.empty(); }),
                 sorted.end());
    if (sorted.empty()) continue;
    absl::StrAppend(&out, "# ", p.pkg->import_path, "\n");
    for (const ir::InlineLine* l : sorted) {
      absl::StrAppend(&out, l->text, "\n");
      ++lines;
    }
  }
  std::fwrite(err.data(), 1, err.size(), stderr);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (!cl.quiet) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    size_t threads =
        tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
    std::fprintf(stderr, "heapmap inline: %zu packages, %zu lines, %.2f s on %zu threads\n",
                 prog.packages.size(), lines, seconds, threads);
  }
  return status;
}

}  // namespace heapmap::driver
