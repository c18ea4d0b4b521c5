// driver/check_command.cc — `heapmap check`: type-check packages in import order, in parallel, and report type errors.
//
// Scheduling: one counter per package holds the number of its imports not yet checked;
// a package is spawned on a tbb::task_group when its counter reaches zero, so packages
// without a path between them are checked in parallel. Errors are collected per package
// and printed in load order after all work is done, so output does not depend on threads.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "driver/commands.h"
#include "driver/parse_files.h"
#include "frontend/load/loader.h"
#include "frontend/types/checker.h"
#include "frontend/types/dump.h"
#include "frontend/types/sizes.h"
#include "frontend/types/universe.h"
#include "tbb/global_control.h"
#include "tbb/task_group.h"

namespace heapmap::driver {
namespace {

struct PkgState {
  const load::Package* pkg = nullptr;
  std::vector<size_t> file_indices;  // into the parsed files
  std::vector<size_t> imports;       // indices of imported packages
  std::vector<size_t> importers;
  std::atomic<int> pending{0};
  types::Package* types_pkg = nullptr;
  std::unique_ptr<types::Package> owned;
  std::vector<types::TypeError> errors;
  std::unique_ptr<types::Info> info;
  bool skipped = false;
  // -dump-types/-dump-objects/-dump-sizes text of this package (named packages only),
  // written in load order at the end.
  std::string dump_types, dump_objects, dump_sizes;
};

}  // namespace

int RunCheck(const CommandLine& cl) {
  auto start = std::chrono::steady_clock::now();
  // The checker recurses on the tree (x + y + ... chains thousands long in
  // time/tzdata): give the worker threads the stack the main thread has and more.
  tbb::global_control stack_size(tbb::global_control::thread_stack_size, size_t{256} << 20);
  absl::StatusOr<load::BuildContext> ctx =
      load::MakeBuildContext(cl.context, load::ProcessEnvironment());
  if (!ctx.ok()) {
    std::fprintf(stderr, "heapmap: %s\n", std::string(ctx.status().message()).c_str());
    return 2;
  }
  // Test only, deliberately undocumented (tests/types_oracle/run_errors.py): the Go
  // type checker's testdata needs go/types' test builtins assert/trace
  // (HEAPMAP_CHECK_TEST_FUNCS=1) and a language version per file (HEAPMAP_CHECK_LANG=go1.N).
  int go_minor = types::CheckConfig{}.go_minor;
  if (const char* v = std::getenv("HEAPMAP_CHECK_TEST_FUNCS"); v != nullptr && *v == '1') {
    types::DefPredeclaredTestFuncs();
  }
  if (const char* v = std::getenv("HEAPMAP_CHECK_LANG"); v != nullptr && std::strncmp(v, "go1.", 4) == 0) {
    go_minor = std::atoi(v + 4);
  }
  load::LoadResult loaded = load::Load(*ctx, cl.args, /*with_deps=*/true);
  int status = 0;
  for (const std::string& error : loaded.errors) {
    std::fprintf(stderr, "heapmap: %s\n", error.c_str());
    status = 1;
  }
  const size_t n = loaded.packages.size();
  std::vector<std::unique_ptr<PkgState>> states;
  absl::flat_hash_map<std::string, size_t> by_path;
  std::vector<std::string> paths;
  for (size_t i = 0; i < n; ++i) {
    auto st = std::make_unique<PkgState>();
    const load::Package& p = loaded.packages[i];
    st->pkg = &p;
    by_path[p.import_path] = i;
    if (!p.error && p.import_path != "unsafe") {
      for (const std::string& f : p.go_files) {
        st->file_indices.push_back(paths.size());
        paths.push_back(p.dir + "/" + f);
      }
    }
    states.push_back(std::move(st));
  }
  std::vector<SourceParse> parsed = ReadAndParseFiles(paths, /*keep_trees=*/true);

  // Dumps (tests/types_oracle/README.md): files relative to GOROOT/src, then GOPATH/src.
  const bool dumping =
      !cl.dump_types.empty() || !cl.dump_objects.empty() || !cl.dump_sizes.empty();
  std::vector<std::string> roots = {ctx->goroot + "/src"};
  for (const std::string& gp : ctx->gopath) roots.push_back(gp + "/src");
  types::DumpPathFn rel = types::RelativeToRoots(roots);
  const types::GcSizes* sizes = types::GcSizesFor(ctx->goarch);
  if (sizes == nullptr) sizes = types::GcSizesFor("amd64");
  // Dump files, written in load order as soon as a package and all before it are done,
  // so at most the out-of-order packages' text is buffered.
  struct DumpFile {
    std::FILE* f = nullptr;
    std::string PkgState::*member;
  };
  std::vector<DumpFile> dump_files;
  for (auto [name, member] : {std::pair{&cl.dump_types, &PkgState::dump_types},
                              std::pair{&cl.dump_objects, &PkgState::dump_objects},
                              std::pair{&cl.dump_sizes, &PkgState::dump_sizes}}) {
    if (name->empty()) continue;
    std::FILE* f = *name == "-" ? stdout : std::fopen(name->c_str(), "wb");
    if (f == nullptr) {
      std::fprintf(stderr, "heapmap: cannot write %s\n", name->c_str());
      for (DumpFile& d : dump_files) {
        if (d.f != stdout) std::fclose(d.f);
      }
      return 2;
    }
    dump_files.push_back({f, member});
  }
  std::mutex dump_mu;
  std::vector<char> dump_done(n, 0);
  size_t dump_next = 0;
  auto flush_dumps = [&](size_t done_index) {  // done_index == n: flush everything left
    std::lock_guard<std::mutex> lock(dump_mu);
    if (done_index < n) dump_done[done_index] = 1;
    while (dump_next < n && (done_index == n || dump_done[dump_next])) {
      for (DumpFile& d : dump_files) {
        std::string& text = (*states[dump_next]).*d.member;
        std::fwrite(text.data(), 1, text.size(), d.f);
        std::string().swap(text);
      }
      ++dump_next;
    }
  };

  for (size_t i = 0; i < n; ++i) {
    PkgState& st = *states[i];
    for (const std::string& imp : st.pkg->imports) {
      auto it = by_path.find(imp);
      if (it == by_path.end() || it->second == i) continue;
      st.imports.push_back(it->second);
      states[it->second]->importers.push_back(i);
    }
    st.pending.store(static_cast<int>(st.imports.size()));
    if (st.pkg->import_path == "unsafe") {
      st.types_pkg = types::Unsafe();
    } else {
      st.owned = std::make_unique<types::Package>(st.pkg->import_path, st.pkg->name);
      st.types_pkg = st.owned.get();
    }
  }

  std::atomic<size_t> checked{0};
  tbb::task_group group;
  std::function<void(size_t)> run = [&](size_t i) {
    PkgState& st = *states[i];
    if (!st.pkg->error && st.pkg->import_path != "unsafe") {
      std::vector<const syntax::ParsedFile*> files;
      for (size_t fi : st.file_indices) {
        if (parsed[fi].read_error.empty() && parsed[fi].file.ast != nullptr) {
          files.push_back(&parsed[fi].file);
        }
      }
      // Import paths as written resolve to the loader's resolved paths (vendoring).
      absl::flat_hash_map<std::string, types::Package*> imports;
      for (size_t j : st.imports) {
        const std::string& resolved = states[j]->pkg->import_path;
        types::Package* tp = states[j]->types_pkg;
        imports[resolved] = tp;
        if (size_t v = resolved.rfind("/vendor/"); v != std::string::npos) {
          imports.try_emplace(resolved.substr(v + 8), tp);
        } else if (resolved.rfind("vendor/", 0) == 0) {
          imports.try_emplace(resolved.substr(7), tp);
        }
      }
      types::CheckConfig config;
      config.sizes = sizes;
      if (!st.pkg->dep_only) config.go_minor = go_minor;
      config.importer = [&imports](std::string_view path) -> types::Package* {
        auto it = imports.find(std::string(path));
        if (it != imports.end()) return it->second;
        // GOPATH mode's minimal module compatibility resolves "a/b/v2/c" to "a/b/c":
        // drop /vN elements (N >= 2) and retry.
        std::string stripped;
        size_t pos = 0;
        std::string p(path);
        while (pos <= p.size()) {
          size_t slash = p.find('/', pos);
          if (slash == std::string::npos) slash = p.size();
          std::string elem = p.substr(pos, slash - pos);
          bool major = elem.size() >= 2 && elem[0] == 'v' && elem[1] >= '1' &&
                       elem.find_first_not_of("0123456789", 1) == std::string::npos &&
                       elem != "v1" && pos > 0;
          if (!major) {
            if (!stripped.empty()) stripped += '/';
            stripped += elem;
          }
          pos = slash + 1;
        }
        it = imports.find(stripped);
        return it == imports.end() ? nullptr : it->second;
      };
      st.info = std::make_unique<types::Info>();
      types::CheckPackage(config, st.types_pkg, files, st.info.get(), &st.errors);
      if (dumping && !st.pkg->dep_only) {
        if (!cl.dump_types.empty()) types::DumpTypes(*st.info, files, rel, &st.dump_types);
        if (!cl.dump_objects.empty()) {
          types::DumpObjects(*st.info, st.types_pkg, files, rel, &st.dump_objects);
        }
        if (!cl.dump_sizes.empty()) types::DumpSizes(st.types_pkg, *sizes, &st.dump_sizes);
      }
      // Keep memory bounded: escape analysis does not run here, the Info is not needed.
      st.info.reset();
      checked.fetch_add(1);
    } else {
      st.skipped = true;
      if (st.types_pkg != nullptr && st.owned) st.types_pkg->MarkComplete();
    }
    if (dumping) flush_dumps(i);
    for (size_t k : st.importers) {
      if (states[k]->pending.fetch_sub(1) == 1) group.run([&run, k] { run(k); });
    }
  };
  for (size_t i = 0; i < n; ++i) {
    if (states[i]->pending.load() == 0) group.run([&run, i] { run(i); });
  }
  group.wait();

  // Report in load order.
  std::string out;
  size_t nerrors = 0, nsyntax = 0, pkgs_with_errors = 0;
  for (size_t i = 0; i < n; ++i) {
    PkgState& st = *states[i];
    if (st.pkg->dep_only) continue;
    if (st.pkg->error) {
      std::string where = st.pkg->error->pos.empty() ? "" : absl::StrCat(st.pkg->error->pos, ": ");
      absl::StrAppend(&out, where, st.pkg->error->err, "\n");
      status = 1;
      continue;
    }
    std::vector<const syntax::ParsedFile*> files;
    bool any = false;
    for (size_t fi : st.file_indices) {
      const SourceParse& p = parsed[fi];
      if (!p.read_error.empty()) {
        absl::StrAppend(&out, p.read_error, "\n");
        any = true;
        continue;
      }
      files.push_back(&p.file);
      for (const syntax::SyntaxError& e : p.file.errors) {
        absl::StrAppend(&out, syntax::FormatError(p.file, e), "\n");
        ++nsyntax;
        any = true;
      }
    }
    for (const types::TypeError& e : st.errors) {
      absl::StrAppend(&out, types::FormatTypeError(files, e), "\n");
      ++nerrors;
      any = true;
    }
    if (any) {
      ++pkgs_with_errors;
      status = 1;
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (dumping) flush_dumps(n);  // packages never checked (import cycles) have no text
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
                 n, checked.load(), nerrors, nsyntax, pkgs_with_errors, seconds, threads);
  }
  return status;
}

}  // namespace heapmap::driver
