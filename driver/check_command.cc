// driver/check_command.cc — `heapmap check`: type-check packages in import order, in parallel, and report type errors.
//
// The work is summaries/pipeline's ParseCheck (shared with `analyze`); this
// file adds the -dump-* outputs and the report. Errors are printed in load order after
// all work is done, so output does not depend on threads.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "driver/commands.h"
#include "summaries/pipeline.h"
#include "frontend/load/loader.h"
#include "frontend/types/checker.h"
#include "frontend/types/dump.h"
#include "frontend/types/sizes.h"
#include "frontend/types/universe.h"
#include "tbb/global_control.h"

namespace heapmap::driver {

using summaries::CheckedPackage;
using summaries::TypedProgram;
using summaries::TypecheckOptions;
using summaries::ParseCheck;
using summaries::FormatPackageErrors;

int RunCheck(const CommandLine& cl) {
  auto start = std::chrono::steady_clock::now();
  std::optional<load::BuildContext> ctx = BuildContextOrReport(cl);
  if (!ctx) return 2;
  TypecheckOptions options;
  // Test only, deliberately undocumented (tests/types_oracle/run_errors.py): the Go
  // type checker's testdata needs go/types' test builtins assert/trace
  // (HEAPMAP_CHECK_TEST_FUNCS=1) and a language version per file (HEAPMAP_CHECK_LANG=go1.N).
  if (const char* v = std::getenv("HEAPMAP_CHECK_TEST_FUNCS"); v != nullptr && *v == '1') {
    types::DefPredeclaredTestFuncs();
  }
  if (const char* v = std::getenv("HEAPMAP_CHECK_LANG"); v != nullptr && std::strncmp(v, "go1.", 4) == 0) {
    options.go_minor = std::atoi(v + 4);
  }
  const types::GcSizes* sizes = types::GcSizesFor(ctx->goarch);
  if (sizes == nullptr) sizes = types::GcSizesFor("amd64");
  options.sizes = sizes;

  // Dumps (tests/types_oracle/README.md): files relative to GOROOT/src, then GOPATH/src.
  std::vector<std::string> roots = {ctx->goroot + "/src"};
  for (const std::string& gp : ctx->gopath) roots.push_back(gp + "/src");
  types::DumpPathFn rel = types::RelativeToRoots(roots);
  // Dump files are opened before any work, so a bad path fails at once (exit 2).
  struct DumpFile {
    std::FILE* f = nullptr;
    int kind = 0;  // 0 types, 1 objects, 2 sizes
  };
  std::vector<DumpFile> dump_files;
  const std::string* names[3] = {&cl.dump_types, &cl.dump_objects, &cl.dump_sizes};
  for (int kind = 0; kind < 3; ++kind) {
    const std::string& name = *names[kind];
    if (name.empty()) continue;
    std::FILE* f = name == "-" ? stdout : std::fopen(name.c_str(), "wb");
    if (f == nullptr) {
      std::fprintf(stderr, "heapmap: cannot write %s\n", name.c_str());
      for (DumpFile& d : dump_files) {
        if (d.f != stdout) std::fclose(d.f);
      }
      return 2;
    }
    dump_files.push_back({f, kind});
  }
  const bool dumping = !dump_files.empty();

  // A package's dump text is made on the worker that checked it, and written in load
  // order as soon as it and every package before it are done, so at most the
  // out-of-order packages' text is buffered. Packages that are never checked (load
  // errors, "unsafe") count as done from the start.
  std::mutex dump_mu;
  std::vector<std::string> dump_text[3];
  std::vector<char> dump_done;
  size_t dump_next = 0;
  auto flush_dumps = [&](size_t count) {  // with dump_mu held
    while (dump_next < count && dump_done[dump_next]) {
      for (DumpFile& d : dump_files) {
        std::string& text = dump_text[d.kind][dump_next];
        std::fwrite(text.data(), 1, text.size(), d.f);
        std::string().swap(text);
      }
      ++dump_next;
    }
  };
  if (dumping) {
    options.on_checked = [&](CheckedPackage& st, const TypedProgram& prog) {
      std::string text[3];
      if (!st.pkg->dep_only) {
        if (!cl.dump_types.empty()) types::DumpTypes(*st.info, st.files, rel, &text[0]);
        if (!cl.dump_objects.empty()) {
          types::DumpObjects(*st.info, st.types_pkg, st.files, rel, &text[1]);
        }
        if (!cl.dump_sizes.empty()) types::DumpSizes(st.types_pkg, *sizes, &text[2]);
      }
      std::lock_guard<std::mutex> lock(dump_mu);
      if (dump_done.empty()) {
        // First package done: size the tables and mark the packages never checked.
        const size_t n = prog.packages.size();
        dump_done.assign(n, 0);
        for (auto& t : dump_text) t.resize(n);
        for (size_t i = 0; i < n; ++i) {
          const load::Package& p = *prog.packages[i]->pkg;
          if (p.error || p.import_path == "unsafe") dump_done[i] = 1;
        }
      }
      for (int k = 0; k < 3; ++k) dump_text[k][st.index] = std::move(text[k]);
      dump_done[st.index] = 1;
      flush_dumps(dump_done.size());
    };
  }

  TypedProgram prog = ParseCheck(LoadPackages(cl, *ctx, /*with_deps=*/true), options);
  int status = 0;
  for (const std::string& error : prog.loaded.errors) {
    std::fprintf(stderr, "heapmap: %s\n", error.c_str());
    status = 1;
  }

  // Report in load order.
  std::string out;
  size_t nerrors = 0, nsyntax = 0, pkgs_with_errors = 0;
  for (const auto& st : prog.packages) {
    if (st->pkg->dep_only) continue;
    if (FormatPackageErrors(prog, *st, &out) > 0) {
      ++pkgs_with_errors;
      status = 1;
    }
    nerrors += st->errors.size();
    for (size_t fi : st->file_indices) nsyntax += prog.parsed[fi].file.errors.size();
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (dumping) {
    // Packages never checked (import cycles) have no text; write everything left.
    std::lock_guard<std::mutex> lock(dump_mu);
    std::fill(dump_done.begin(), dump_done.end(), 1);
    flush_dumps(dump_done.size());
  }
  for (DumpFile& d : dump_files) {
    if (d.f == stdout) {
      std::fflush(d.f);
    } else {
      bool bad = std::ferror(d.f) != 0;
      if (std::fclose(d.f) != 0) bad = true;
      if (bad) {
        std::fprintf(stderr, "heapmap: error writing a dump file\n");
        status = 2;
      }
    }
  }
  if (!cl.quiet) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    size_t threads =
        tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
    std::fprintf(stderr,
                 "heapmap check: %zu packages (%zu checked), %zu type errors, %zu syntax errors in "
                 "%zu packages, %.2f s on %zu threads\n",
                 prog.packages.size(), prog.checked, nerrors, nsyntax, pkgs_with_errors, seconds,
                 threads);
  }
  return status;
}

}  // namespace heapmap::driver
