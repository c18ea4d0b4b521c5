// driver/action_command.cc — `heapmap action` (one package from its files and its imports'
// artifacts: what a build system runs) and `heapmap print` (artifacts' -m lines).
//
// The flags become a load::LoadResult of the imports (described by their artifacts) and
// the package (its files' headers); summaries::AnalyzePackage does the work.
#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "driver/commands.h"
#include "frontend/load/header.h"
#include "summaries/analyze.h"
#include "summaries/artifact.h"
#include "summaries/parse_files.h"
#include "summaries/pipeline.h"
#include "proto/report.pb.h"

namespace heapmap::driver {
namespace {

std::optional<summary::PackageArtifact> ReadArtifact(const std::string& file, std::string* error) {
  std::string bytes;
  if (!summaries::ReadFile(file, bytes, *error)) return std::nullopt;
  absl::StatusOr<summary::PackageArtifact> a = summaries::ParseArtifactFile(bytes);
  if (!a.ok()) {
    *error = absl::StrCat(file, ": ", a.status().message());
    return std::nullopt;
  }
  return *std::move(a);
}

// The package an import path written in source names among `paths`: itself, or a
// vendored copy (".../vendor/PATH" or "vendor/PATH", as load::ImportPaths).
std::optional<std::string> Resolve(const std::string& written, const std::set<std::string>& paths) {
  if (paths.count(written) > 0) return written;
  for (const std::string& p : paths) {
    if (p == "vendor/" + written ||
        (p.size() > written.size() + 8 && p.compare(p.size() - written.size() - 8, std::string::npos,
                                                    "/vendor/" + written) == 0)) {
      return p;
    }
  }
  return std::nullopt;
}

}  // namespace

int RunAction(const CommandLine& cl) {
  if (!cl.escape_m || cl.package_path.empty() || cl.output.empty() || cl.args.empty()) {
    std::fprintf(stderr, "heapmap: action needs -m, -p importpath, -o FILE and the package's .go files; run 'heapmap help action'\n");
    return 2;
  }
  std::optional<load::BuildContext> ctx = BuildContextOrReport(cl);
  if (!ctx) return 2;

  // The imports, from their artifacts, in dependency order (ties by path).
  std::map<std::string, summary::PackageArtifact> given;
  for (const std::string& file : cl.import_artifacts) {
    std::string error;
    std::optional<summary::PackageArtifact> a = ReadArtifact(file, &error);
    if (!a) {
      std::fprintf(stderr, "heapmap: %s\n", error.c_str());
      return 1;
    }
    std::string path = a->path();
    given.insert_or_assign(std::move(path), *std::move(a));
  }
  std::set<std::string> paths;
  for (const auto& [path, a] : given) paths.insert(path);
  load::LoadResult loaded;
  std::vector<std::optional<summary::PackageArtifact>> artifacts;
  std::set<std::string> placed;
  bool uses_unsafe = false;
  while (placed.size() < given.size()) {
    bool progress = false;
    for (auto& [path, a] : given) {
      if (placed.count(path) > 0) continue;
      bool ready = true;
      for (const std::string& imp : a.imports()) {
        if (imp == "unsafe") {
          uses_unsafe = true;
        } else if (paths.count(imp) == 0) {
          std::fprintf(stderr, "heapmap: %s imports %s, whose artifact is not given (-I)\n",
                       path.c_str(), imp.c_str());
          return 1;
        } else if (placed.count(imp) == 0) {
          ready = false;
        }
      }
      if (!ready) continue;
      load::Package p;
      p.import_path = path;
      p.name = a.name();
      p.imports.assign(a.imports().begin(), a.imports().end());
      p.dep_only = true;
      for (const summary::SourceFile& f : a.sources()) {
        const std::string full = summaries::ResolveSourcePath(f.path(), summaries::CurrentDir());
        size_t slash = full.rfind('/');
        p.dir = slash == std::string::npos ? "." : full.substr(0, slash);
        p.go_files.push_back(full.substr(slash + 1));
      }
      loaded.packages.push_back(std::move(p));
      artifacts.emplace_back(std::move(a));
      placed.insert(path);
      progress = true;
    }
    if (!progress) {
      std::fprintf(stderr, "heapmap: the artifacts given import each other in a cycle\n");
      return 1;
    }
  }

  // The package itself, from its files' headers.
  load::Package target;
  target.import_path = cl.package_path;
  target.dep_only = cl.dependency;
  std::set<std::string> imports;
  for (const std::string& file : cl.args) {
    load::GoFileHeader h = load::ReadGoFileHeader(file);
    if (!h.read_error.empty() || !h.parse_error.empty()) {
      std::fprintf(stderr, "heapmap: %s: %s\n", file.c_str(),
                   (h.read_error.empty() ? h.parse_error : h.read_error).c_str());
      return 1;
    }
    if (target.name.empty()) target.name = h.package_name;
    if (h.package_name != target.name) {
      std::fprintf(stderr, "heapmap: %s: package %s, not %s\n", file.c_str(),
                   h.package_name.c_str(), target.name.c_str());
      return 1;
    }
    std::string full = file[0] == '/' ? file : summaries::CurrentDir() + "/" + file;
    size_t slash = full.rfind('/');
    std::string dir = full.substr(0, slash);
    if (!target.dir.empty() && dir != target.dir) {
      std::fprintf(stderr, "heapmap: %s is not in %s: a package's files share a directory\n",
                   file.c_str(), target.dir.c_str());
      return 1;
    }
    target.dir = dir;
    target.go_files.push_back(full.substr(slash + 1));
    for (const load::GoImport& imp : h.imports) {
      if (imp.path == "unsafe" || imp.path == "C") {
        uses_unsafe = uses_unsafe || imp.path == "unsafe";
        if (imp.path == "unsafe") imports.insert("unsafe");
        continue;
      }
      std::optional<std::string> resolved = Resolve(imp.path, paths);
      if (!resolved) {
        std::fprintf(stderr, "heapmap: %s:%d:%d: no artifact given (-I) for import \"%s\"\n",
                     file.c_str(), imp.line, imp.column, imp.path.c_str());
        return 1;
      }
      if (*resolved != imp.path) target.import_map[imp.path] = *resolved;
      imports.insert(*resolved);
    }
  }
  std::sort(target.go_files.begin(), target.go_files.end());
  target.imports.assign(imports.begin(), imports.end());
  if (uses_unsafe) {
    load::Package u;
    u.import_path = u.name = "unsafe";
    u.goroot = u.standard = u.dep_only = true;
    loaded.packages.insert(loaded.packages.begin(), std::move(u));
    artifacts.insert(artifacts.begin(), std::nullopt);
  }
  loaded.packages.push_back(std::move(target));
  const size_t index = loaded.packages.size() - 1;

  summaries::ActionResult r =
      summaries::AnalyzePackage(*ctx, loaded, index, std::move(artifacts), ScanOptionsOf(cl));
  std::fwrite(r.output.err.data(), 1, r.output.err.size(), stderr);
  if (!r.artifact) {
    if (r.output.err.empty()) {
      std::fprintf(stderr, "heapmap: %s: no artifact: the package has errors\n",
                   cl.package_path.c_str());
    }
    return 1;
  }
  if (!cl.export_output.empty() &&
      !WriteOutputFile(cl.export_output,
                       summaries::ArtifactFileBytes(summaries::ImporterArtifact(*r.artifact)))) {
    return 1;
  }
  if (!WriteOutputFile(cl.output, summaries::ArtifactFileBytes(*r.artifact))) return 1;
  return r.output.failed ? 1 : 0;
}

bool ReadArtifactReports(const std::vector<std::string>& files,
                         std::vector<report::PackageReport>* reports, std::string* err) {
  bool ok = true;
  for (const std::string& file : files) {
    std::string error;
    std::optional<summary::PackageArtifact> a = ReadArtifact(file, &error);
    report::PackageReport& r = reports->emplace_back();
    if (a && !r.ParseFromString(a->report())) error = file + ": malformed report";
    if (a && a->key().empty()) {
      error = file + ": an -export file, not a whole artifact: it has no report";
    }
    if (!error.empty()) {
      absl::StrAppend(err, "heapmap: ", error, "\n");
      ok = false;
    }
  }
  return ok;
}

int RunPrint(const CommandLine& cl) {
  int status = 0;
  std::string out;
  for (const std::string& file : cl.args) {
    std::string error;
    std::optional<summary::PackageArtifact> a = ReadArtifact(file, &error);
    if (!a) {
      std::fprintf(stderr, "heapmap: %s\n", error.c_str());
      status = 1;
      continue;
    }
    out += a->output();
  }
  if (!cl.output.empty()) {
    if (!WriteOutputFile(cl.output, out)) status = 1;
  } else {
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return status;
}

}  // namespace heapmap::driver
