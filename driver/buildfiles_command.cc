// driver/buildfiles_command.cc — `heapmap buildfiles`: a Bazel workspace for packages
// (bazel/buildfiles.h), written where -o says.
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "bazel/buildfiles.h"
#include "driver/commands.h"
#include "frontend/load/loader.h"
#include "summaries/pipeline.h"

namespace heapmap::driver {

int RunBuildFiles(const CommandLine& cl) {
  if (cl.output.empty()) {
    std::fprintf(stderr, "heapmap: buildfiles needs -o DIR (the workspace to write)\n");
    return 2;
  }
  std::optional<load::BuildContext> ctx = BuildContextOrReport(cl);
  if (!ctx) return 2;
  bazel::WorkspaceOptions options;
  options.tree = summaries::CurrentDir();
  options.mode = absl::StrCat(cl.m_level >= 2 ? "-m=2" : "-m", cl.no_inline ? " -l" : "");
  std::error_code ec;
  options.heapmap = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  if (ec) {
    std::fprintf(stderr, "heapmap: cannot find its own binary: %s\n", ec.message().c_str());
    return 1;
  }
  load::LoadResult loaded = LoadPackages(cl, *ctx, /*with_deps=*/true);
  for (const std::string& error : loaded.errors) {
    std::fprintf(stderr, "heapmap: %s\n", error.c_str());
  }
  if (loaded.fatal) return 1;
  absl::StatusOr<bazel::Workspace> ws = bazel::MakeWorkspace(loaded, options);
  if (!ws.ok()) {
    std::fprintf(stderr, "heapmap: %s\n", std::string(ws.status().message()).c_str());
    return 1;
  }
  // As analyze reports and skips them; the rest is written.
  for (const std::string& why : ws->left_out) std::fprintf(stderr, "heapmap: %s\n", why.c_str());
  if (absl::Status s = bazel::WriteWorkspace(cl.output, ws->files); !s.ok()) {
    std::fprintf(stderr, "heapmap: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  return loaded.errors.empty() && ws->left_out.empty() ? 0 : 1;
}

}  // namespace heapmap::driver
