// frontend/load/load_tool_main.cc — debugging tool: `go list` over heapmap's loader.
//
// heapmap_load_tool [-json] [-deps] [-e] [--goroot=D] [--gopath=P] [--tags=a,b]
//                   [--goos=OS] [--goarch=ARCH] [-C dir] patterns...
// Without -json it prints one import path per line, like `go list`.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "frontend/load/loader.h"

int main(int argc, char** argv) {
  heapmap::load::ContextFlags flags;
  bool json = false, deps = false, timing = false;
  std::vector<std::string> patterns;
  auto value = [&](absl::string_view arg, absl::string_view name, int* i, std::string* out) {
    std::string dash1 = std::string("-") + std::string(name);
    std::string dash2 = "-" + dash1;
    for (const std::string& d : {dash1, dash2}) {
      if (arg == d && *i + 1 < argc) {
        *out = argv[++*i];
        return true;
      }
      if (absl::StartsWith(arg, d + "=")) {
        *out = std::string(arg.substr(d.size() + 1));
        return true;
      }
    }
    return false;
  };
  for (int i = 1; i < argc; i++) {
    absl::string_view a = argv[i];
    std::string v;
    if (a == "-json" || a == "--json") {
      json = true;
    } else if (a == "-deps" || a == "--deps") {
      deps = true;
    } else if (a == "-e" || a == "--e") {
      // Errors are always reported in the output, as with go list -e.
    } else if (a == "--time") {
      timing = true;
    } else if (value(a, "goroot", &i, &flags.goroot)) {
    } else if (value(a, "gopath", &i, &flags.gopath)) {
    } else if (value(a, "goos", &i, &flags.goos)) {
    } else if (value(a, "goarch", &i, &flags.goarch)) {
    } else if (value(a, "C", &i, &flags.work_dir)) {
    } else if (value(a, "tags", &i, &v)) {
      flags.tags.push_back(v);
    } else {
      patterns.emplace_back(a);
    }
  }
  auto start = std::chrono::steady_clock::now();
  auto ctx = heapmap::load::MakeBuildContext(flags, heapmap::load::ProcessEnvironment());
  if (!ctx.ok()) {
    std::cerr << "heapmap: " << ctx.status().message() << "\n";
    return 2;
  }
  heapmap::load::LoadResult r = heapmap::load::Load(*ctx, patterns, deps);
  std::string out;
  for (const auto& p : r.packages) {
    out += json ? heapmap::load::PackageToJson(p) : p.import_path + "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  for (const auto& e : r.errors) std::cerr << e << "\n";
  if (timing) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start).count();
    std::cerr << r.packages.size() << " packages in " << ms << " ms\n";
  }
  return r.fatal ? 1 : 0;
}
