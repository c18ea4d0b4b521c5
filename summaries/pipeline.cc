// summaries/pipeline.cc — load, parse, and type-check in import order on oneTBB.
//
// Used by `heapmap check`, `inline` and `analyze`. The packages' stages run on the package
// graph (package_graph.h): a package is read, parsed and checked as soon as its imports are
// checked, so packages without a path between them are checked in parallel.
#include "summaries/pipeline.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_cat.h"
#include "tbb/parallel_for.h"
#include "frontend/export/export.h"
#include "summaries/package_graph.h"

namespace heapmap::summaries {
TypedProgram ParseCheck(load::LoadResult loaded, const TypecheckOptions& options) {
  TypedProgram prog;
  prog.loaded = std::move(loaded);
  const size_t n = prog.loaded.packages.size();
  auto wanted = [&options](size_t i) { return options.only.empty() || options.only[i]; };
  for (size_t i = 0; i < n; ++i) {
    auto st = std::make_unique<CheckedPackage>();
    const load::Package& p = prog.loaded.packages[i];
    st->pkg = &p;
    st->index = i;
    if (!p.error && p.import_path != "unsafe" && wanted(i)) {
      for (const std::string& f : p.go_files) {
        // Read and parsed by the package's task, when its imports are checked (no barrier
        // between parsing and checking; trees a package releases never coexist with those
        // of packages not yet started).
        st->file_indices.push_back(prog.parsed.size());
        prog.parsed.emplace_back().path = p.dir + "/" + f;
      }
    }
    prog.by_path.try_emplace(p.import_path, i);
    prog.packages.push_back(std::move(st));
  }
  const types::GcSizes* sizes = options.sizes ? options.sizes : types::GcSizesFor("amd64");

  std::vector<std::vector<size_t>> imports = load::ImportIndices(prog.loaded);
  for (size_t i = 0; i < n; ++i) {
    CheckedPackage& st = *prog.packages[i];
    st.imports = imports[i];
    if (st.pkg->import_path == "unsafe") {
      st.types_pkg = types::Unsafe();
    } else {
      st.owned = std::make_unique<types::Package>(st.pkg->import_path, st.pkg->name);
      st.types_pkg = st.owned.get();
    }
    st.has_errors = st.pkg->error.has_value();
  }

  std::atomic<size_t> checked{0};
  // Package i's types from export data, if given and readable.
  auto import = [&](size_t i) {
    CheckedPackage& st = *prog.packages[i];
    std::string_view data = options.export_data(i);
    if (data.empty()) return false;
    absl::StatusOr<std::unique_ptr<types::Package>> pkg = ReadPackageExportData(prog, st, data);
    if (!pkg.ok()) return false;
    st.owned = *std::move(pkg);
    st.types_pkg = st.owned.get();
    st.checked = st.from_export = true;
    return true;
  };
  auto check = [&](size_t i) {
    CheckedPackage& st = *prog.packages[i];
    if (options.export_data && !st.pkg->error && st.pkg->import_path != "unsafe" && wanted(i) &&
        import(i)) {
      if (options.on_checked) options.on_checked(st, prog);
      checked.fetch_add(1);
      return;
    }
    // The package's files, in parallel.
    tbb::parallel_for(size_t{0}, st.file_indices.size(), [&](size_t k) {
      SourceParse& sp = prog.parsed[st.file_indices[k]];
      if (!options.read_file) {
        ReadAndParseFile(sp.path, /*keep_trees=*/true, &sp);
      } else if (std::optional<std::string> source = options.read_file(sp.path)) {
        ParseSource(sp.path, *std::move(source), /*keep_trees=*/true, &sp);
      } else {
        sp.read_error = absl::StrCat("open ", sp.path, ": not given");
      }
    });
    for (size_t fi : st.file_indices) {
      const SourceParse& sp = prog.parsed[fi];
      if (!sp.read_error.empty() || !sp.file.errors.empty()) st.has_errors = true;
      if (sp.read_error.empty() && sp.file.ast != nullptr) st.files.push_back(&sp.file);
    }
    if (st.pkg->error || st.pkg->import_path == "unsafe" || !wanted(i)) {
      if (st.types_pkg != nullptr && st.owned) st.types_pkg->MarkComplete();
      return;
    }
    absl::flat_hash_map<std::string, types::Package*> import_pkgs;
    for (const auto& [path, j] : load::ImportPaths(prog.loaded, i, st.imports)) {
      import_pkgs.emplace(path, prog.packages[j]->types_pkg);
    }
    types::CheckConfig config;
    config.context = prog.context.get();
    config.sizes = sizes;
    if (!st.pkg->dep_only) config.go_minor = options.go_minor;
    config.importer = [&import_pkgs](std::string_view path) -> types::Package* {
      auto it = import_pkgs.find(std::string(path));
      if (it == import_pkgs.end()) it = import_pkgs.find(load::StripMajorVersions(path));
      return it == import_pkgs.end() ? nullptr : it->second;
    };
    st.info = std::make_unique<types::Info>();
    const uint64_t recorded = types::Context::RecordedOnThisThread();
    types::CheckPackage(config, st.types_pkg, st.files, st.info.get(), &st.errors);
    st.recorded_instances = types::Context::RecordedOnThisThread() != recorded;
    st.checked = true;
    if (!st.errors.empty()) st.has_errors = true;
    if (options.on_checked) options.on_checked(st, prog);
    if (!options.keep_info) st.info.reset();
    if (st.release_files && !st.has_errors) {
      for (size_t fi : st.file_indices) prog.parsed[fi].file = syntax::ParsedFile();
      st.files.clear();
    }
    checked.fetch_add(1);
  };
  std::vector<PackageGraph::Stage> stages;
  stages.push_back([&check](size_t i, PackageGraph&, PackageGraph::Done done) {
    check(i);
    done();
  });
  stages.insert(stages.end(), options.then.begin(), options.then.end());
  PackageGraph(imports, std::move(stages)).Run();
  prog.checked = checked.load();
  return prog;
}

absl::StatusOr<std::unique_ptr<types::Package>> ReadPackageExportData(const TypedProgram& prog,
                                                                      const CheckedPackage& p,
                                                                      std::string_view data) {
  // The reader asks for the packages the data names: transitive imports of p, whose tasks
  // are done (any other is refused, and the data then read as malformed).
  const size_t n = prog.packages.size();
  std::vector<bool> reach(n, false);
  std::vector<size_t> work(p.imports.begin(), p.imports.end());
  while (!work.empty()) {
    size_t j = work.back();
    work.pop_back();
    if (j >= p.index || reach[j]) continue;
    reach[j] = true;
    work.insert(work.end(), prog.packages[j]->imports.begin(), prog.packages[j]->imports.end());
  }
  auto lookup = [&](std::string_view path) -> types::Package* {
    if (path == "unsafe") return types::Unsafe();
    auto it = prog.by_path.find(std::string(path));
    if (it == prog.by_path.end() || !reach[it->second]) return nullptr;
    const CheckedPackage& q = *prog.packages[it->second];
    return q.checked ? q.types_pkg : nullptr;
  };
  absl::StatusOr<std::unique_ptr<types::Package>> pkg =
      exportdata::ReadExportData(data, prog.context.get(), lookup);
  if (pkg.ok() && (*pkg)->path() != p.pkg->import_path) {
    return absl::DataLossError("export data of another package");
  }
  return pkg;
}

bool ReplaceTypesWithExportData(const TypedProgram& prog, CheckedPackage& p,
                                std::string_view data,
                                const std::function<bool(types::Package* fresh)>& adopt) {
  if (!p.checked || p.from_export || p.has_errors || p.recorded_instances || p.info != nullptr ||
      !p.owned) {
    return false;
  }
  absl::StatusOr<std::unique_ptr<types::Package>> fresh = ReadPackageExportData(prog, p, data);
  if (!fresh.ok() || !adopt(fresh->get())) return false;
  p.owned = *std::move(fresh);
  p.types_pkg = p.owned.get();
  return true;
}

size_t FormatPackageErrors(const TypedProgram& prog, const CheckedPackage& st, std::string* out) {
  size_t lines = 0;
  if (st.pkg->error) {
    absl::StrAppend(out, load::PackageErrorText(*st.pkg->error), "\n");
    return 1;
  }
  std::vector<const syntax::ParsedFile*> files;
  for (size_t fi : st.file_indices) {
    const SourceParse& p = prog.parsed[fi];
    if (!p.read_error.empty()) {
      absl::StrAppend(out, p.read_error, "\n");
      ++lines;
      continue;
    }
    files.push_back(&p.file);
    for (const syntax::SyntaxError& e : p.file.errors) {
      absl::StrAppend(out, syntax::FormatError(p.file, e), "\n");
      ++lines;
    }
  }
  for (const types::TypeError& e : st.errors) {
    absl::StrAppend(out, types::FormatTypeError(files, e), "\n");
    ++lines;
  }
  return lines;
}

std::string CurrentDir() {
  // As os.Getwd: $PWD when it names the current directory (it keeps the symlinks the
  // user typed, which the loader's paths keep too), else getcwd.
  if (const char* pwd = std::getenv("PWD"); pwd != nullptr && pwd[0] == '/') {
    struct stat a, b;
    if (::stat(pwd, &a) == 0 && ::stat(".", &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino) {
      return pwd;
    }
  }
  std::string buf(4096, '\0');
  if (::getcwd(buf.data(), buf.size()) == nullptr) return "";
  buf.resize(std::strlen(buf.c_str()));
  return buf;
}

std::string DisplayName(const std::string& path, const std::string& cwd) {
  size_t slash = path.rfind('/');
  if (cwd.empty() || cwd[0] != '/' || path.empty() || path[0] != '/' || slash == std::string::npos) {
    return path;
  }
  // filepath.Rel(cwd, dir) over cleaned absolute paths.
  std::string dir = slash == 0 ? "/" : path.substr(0, slash);
  std::vector<absl::string_view> from = absl::StrSplit(cwd, '/', absl::SkipEmpty());
  std::vector<absl::string_view> to = absl::StrSplit(dir, '/', absl::SkipEmpty());
  size_t common = 0;
  while (common < from.size() && common < to.size() && from[common] == to[common]) common++;
  std::vector<std::string> rel(from.size() - common, "..");
  for (size_t i = common; i < to.size(); i++) rel.emplace_back(to[i]);
  std::string rel_dir = rel.empty() ? "." : absl::StrJoin(rel, "/");
  if (rel_dir.size() >= dir.size()) return path;
  return absl::StrCat(rel_dir, path.substr(slash));
}

std::string ResolveSourcePath(const std::string& shown, const std::string& cwd) {
  if (shown.empty() || shown[0] == '/') return shown;
  std::string rest = shown.substr(0, 2) == "./" ? shown.substr(2) : shown;
  // "../" steps are kept: the loader's paths are not cleaned either (DisplayName's ".."
  // came from a common prefix of cwd, so joining them names the same file).
  return absl::StrCat(cwd, "/", rest);
}

}  // namespace heapmap::summaries
