// bazel/buildfiles.cc — see buildfiles.h.
#include "bazel/buildfiles.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bazel/bazel_assets.h"

namespace heapmap::bazel {
namespace {

constexpr char kManifest[] = ".heapmap-workspace";
constexpr char kToolsDir[] = "_heapmap";  // `go list` ignores directories starting with _

// A Starlark string literal.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Bazel's package names (and so directories) may use these characters only (Bazel 4's
// label syntax, conservatively): a tree whose directories use others cannot be mirrored.
bool BazelNameOk(std::string_view dir) {
  for (char c : dir) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '-' || c == '.' || c == '_' || c == '+' || c == '@' ||
              c == '~' || c == '=' || c == ',';
    if (!ok) return false;
  }
  if (dir.empty()) return true;  // the workspace's root
  for (absl::string_view part : absl::StrSplit(absl::string_view(dir.data(), dir.size()), '/')) {
    if (part == "." || part == ".." || part.empty()) return false;
  }
  return true;
}

// The package's directory in the workspace: below the tree as below it; else under _deps.
std::string WorkspaceDir(const load::Package& p, const std::string& tree) {
  if (p.dir == tree) return "";
  if (p.dir.size() > tree.size() && p.dir.compare(0, tree.size(), tree) == 0 &&
      p.dir[tree.size()] == '/') {
    return p.dir.substr(tree.size() + 1);
  }
  return absl::StrCat("_deps/", p.import_path);
}

std::string Label(const std::string& dir) { return absl::StrCat("//", dir, ":pkg"); }

std::string List(const std::vector<std::string>& items, int indent) {
  if (items.empty()) return "[]";
  std::string pad(indent, ' ');
  std::string out = "[\n";
  for (const std::string& s : items) absl::StrAppend(&out, pad, "    ", Quote(s), ",\n");
  return absl::StrCat(out, pad, "]");
}

}  // namespace

absl::StatusOr<Workspace> MakeWorkspace(const load::LoadResult& loaded,
                                        const WorkspaceOptions& options) {
  Workspace ws;
  std::vector<WorkspaceFile>& files = ws.files;
  files.push_back({"WORKSPACE",
                   "# Written by `heapmap buildfiles`: heapmap's scan of " + options.tree +
                       "\nworkspace(name = \"heapmap_scan\")\n"});
  files.push_back({absl::StrCat(kToolsDir, "/BUILD.bazel"),
                   "# Written by `heapmap buildfiles`: the heapmap binary and its rules.\n"
                   "exports_files([\"heapmap\", \"defs.bzl\"], visibility = [\"//visibility:public\"])\n"});
  files.push_back({absl::StrCat(kToolsDir, "/heapmap"), options.heapmap, true});
  for (const auto& [name, text] : BazelAssets()) {
    files.push_back({absl::StrCat(kToolsDir, "/", name), text});
  }

  // Each package's directory, then its BUILD file; a package with no Go files (cgo files
  // only) has no target and is not a dependency.
  std::map<std::string, std::string> dir_of;  // import path -> workspace directory
  std::map<std::string, std::string> build;    // workspace directory -> BUILD text
  std::vector<std::string> named;
  std::set<std::string> left_out;
  for (const load::Package& p : loaded.packages) {
    if (p.error) {
      left_out.insert(p.import_path);
      ws.left_out.push_back(absl::StrCat(
          p.import_path, ": ", p.error->pos.empty() ? "" : p.error->pos + ": ", p.error->err));
      continue;
    }
    // Imports come first (load order): one left out leaves this one out too.
    auto bad = std::find_if(p.imports.begin(), p.imports.end(),
                            [&](const std::string& imp) { return left_out.count(imp) > 0; });
    if (bad != p.imports.end()) {
      left_out.insert(p.import_path);
      ws.left_out.push_back(absl::StrCat(p.import_path, ": left out: it imports ", *bad,
                                         ", which is left out"));
      continue;
    }
    // unsafe is the checker's own: no action analyzes it, none imports an artifact of it.
    if (p.go_files.empty() || p.import_path == "unsafe") continue;
    std::string dir = WorkspaceDir(p, options.tree);
    if (!BazelNameOk(dir)) {
      return absl::InvalidArgumentError(absl::StrCat(
          p.import_path, ": its directory ", dir, " is not a name Bazel accepts"));
    }
    if (build.count(dir) > 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(p.import_path, ": a second package in ", p.dir));
    }
    dir_of[p.import_path] = dir;
    std::vector<std::string> deps;
    for (const std::string& imp : p.imports) {
      auto it = dir_of.find(imp);
      if (it != dir_of.end()) deps.push_back(Label(it->second));
    }
    std::string prefix = dir.empty() ? "" : dir + "/";
    for (const std::string& f : p.go_files) {
      files.push_back({prefix + f, p.dir + "/" + f, true});
    }
    build[dir] = absl::StrCat("go_package(\n    name = \"pkg\",\n    importpath = ",
                              Quote(p.import_path), ",\n    srcs = ", List(p.go_files, 4),
                              ",\n    deps = ", List(deps, 4), ",\n",
                              p.dep_only ? "    dependency = True,\n" : "",
                              "    dir = ", Quote(p.dir), ",\n    tree = ", Quote(options.tree),
                              ",\n)\n");
    if (!p.dep_only) named.push_back(Label(dir));
  }

  const std::string load_line =
      absl::StrCat("load(\"//", kToolsDir, ":defs.bzl\", \"go_package\")\n\n",
                   "package(default_visibility = [\"//visibility:public\"])\n");
  std::string root = absl::StrCat(
      "# Written by `heapmap buildfiles`: the named packages' scan, mode ", Quote(options.mode),
      ".\nload(\"//", kToolsDir,
      ":defs.bzl\", \"go_package\", \"heapmap_dashboard\", \"heapmap_escape\", "
      "\"heapmap_group\", \"heapmap_report\")\n\n"
      "package(default_visibility = [\"//visibility:public\"])\n\nNAMED = ",
      List(named, 0), "\n\n");
  // //:all gives other workspaces these packages' artifacts (rules_go_example/).
  for (auto [rule, name] : {std::pair{"escape", "escape"}, {"report", "report"},
                            {"dashboard", "dashboard"}, {"group", "all"}}) {
    absl::StrAppend(&root, "heapmap_", rule, "(\n    name = \"", name,
                    "\",\n    packages = NAMED,\n    mode = ", Quote(options.mode), ",\n)\n\n");
  }
  if (auto it = build.find(""); it != build.end()) absl::StrAppend(&root, it->second);
  files.push_back({"BUILD.bazel", root});
  for (const auto& [dir, text] : build) {
    if (dir.empty()) continue;
    files.push_back({dir + "/BUILD.bazel",
                     absl::StrCat("# Written by `heapmap buildfiles`.\n", load_line, "\n", text)});
  }
  return ws;
}

absl::Status WriteWorkspace(const std::string& dir, const std::vector<WorkspaceFile>& files) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root(dir);
  fs::create_directories(root, ec);
  if (ec) return absl::InternalError(absl::StrCat(dir, ": ", ec.message()));
  // What an earlier run wrote goes first: a package removed since must not stay.
  {
    std::ifstream manifest(root / kManifest);
    std::string line;
    while (std::getline(manifest, line)) {
      if (!line.empty()) fs::remove(root / line, ec);
    }
  }
  std::ofstream manifest(root / kManifest, std::ios::trunc);
  for (const WorkspaceFile& f : files) {
    const fs::path path = root / f.path;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return absl::InternalError(absl::StrCat(path.string(), ": ", ec.message()));
    fs::remove(path, ec);
    if (f.symlink) {
      fs::create_symlink(f.contents, path, ec);
      if (ec) return absl::InternalError(absl::StrCat(path.string(), ": ", ec.message()));
    } else {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << f.contents;
      if (!out.flush()) return absl::InternalError(absl::StrCat(path.string(), ": cannot write"));
    }
    manifest << f.path << "\n";
  }
  if (!manifest.flush()) return absl::InternalError(absl::StrCat(dir, "/", kManifest, ": cannot write"));
  return absl::OkStatus();
}

}  // namespace heapmap::bazel
