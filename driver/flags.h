// driver/flags.h — the command line: one subcommand, its flags, its arguments.
//
// Flags follow the go command's habits: `-json` and `--json` are the same flag, a value
// is given as `-j 4` or `-j=4`, and flags may come before or after the patterns. `--`
// ends the flags.
#ifndef HEAPMAP_DRIVER_FLAGS_H_
#define HEAPMAP_DRIVER_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "frontend/load/loader.h"

namespace heapmap::driver {

struct CommandLine {
  std::string command;            // "list", "parse", "help", "version"
  std::vector<std::string> args;  // patterns or files
  int threads = 0;                // -j; 0 = one per core
  bool json = false;              // -json (list)
  bool deps = false;              // -deps (list): the dependencies too, as `go list -deps`
  std::string pkgs;               // -pkgs FILE: a package list instead of patterns ("-": stdin)
  bool quiet = false;             // -q: no summary line on stderr
  bool help = false;              // -h / --help after the command
  std::string dump_types;         // check -dump-types FILE
  std::string dump_objects;       // check -dump-objects FILE
  std::string dump_sizes;         // check -dump-sizes FILE
  bool escape_m = false;          // analyze -m: print gc's -m lines
  int m_level = 0;                // -m=N (inline: 2 adds costs and reasons)
  bool no_inline = false;         // analyze -l (gc's -l=1): no inlining
  int inline_level = 1;           // gc's -l=N with inlining on: 1 (default), 2, 3 or 4
  bool inline_funcs_with_closures = true;  // -d=inlfuncswithclosures=0|1
  bool small_frames = false;      // analyze -smallframes: gc's smaller stack limits
  bool race = false;              // -race: gc's inlining rules for instrumented builds
  std::string cache_dir;          // analyze -cache DIR|off|auto (see CacheDir)
  int64_t cache_max = int64_t{2} << 30;  // -cache-max: the cache's size bound
  load::ContextFlags context;     // --goroot, --gopath, --goos, --goarch, --tags
  std::string package_path;       // action -p: the import path of the package analyzed
  std::string output;             // action -o: the artifact file to write
  std::vector<std::string> import_artifacts;  // action -I FILE (repeated)
  std::string export_output;      // action -export FILE: the importers' part of the artifact
  std::string source_dir;         // action -srcdir DIR: the package's directory in the tree
  std::string tree;               // action -tree DIR: the tree the scan stands for
  bool from_artifacts = false;    // report, scan -artifacts: the arguments are artifacts
  std::vector<std::string> profiles;          // report -profile FILE (repeated)
  std::string sample_index;                   // report -sample_index: "" picks alloc_space
  bool dependency = false;        // action -dep: analyzed as a dependency of the named ones
  int top = 20;                   // report -n: sites in the table (0: all)
  std::string by = "site";        // report -by site|function|package: the table's rows
  std::string format = "text";    // report -format text|json|sarif|logopt; history, diff
  std::string db;                 // scan, history, diff -db: the scan database
  std::string label;              // scan -label
  std::string scan_ref;           // dashboard -scan: the scan shown ("" = last)
  std::string d3_js, chart_js;    // dashboard -d3, -chartjs: the libraries' files
  std::string baseline;           // diff -baseline: a report JSON file as OLD
  std::string fail_on;            // diff -fail-on new|new-hot ("" never fails)
};

// Parses argv[1..]. Errors name the offending flag, e.g. "unknown flag -x for list".
absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& argv);

// The text of `heapmap --help`, or of `heapmap help COMMAND` when `command` is set.
// Returns an empty string for an unknown command.
std::string UsageText(const std::string& command = "");

// The build context of the flags (cl.context) and the process environment; nullopt once
// the error is printed on stderr (the command then exits with 2).
std::optional<load::BuildContext> BuildContextOrReport(const CommandLine& cl);

// The packages a command works on: those the patterns (cl.args) match, or with -pkgs those
// of the package list (frontend/load/package_list.h); with `with_deps`, their
// dependencies too, in dependency order.
load::LoadResult LoadPackages(const CommandLine& cl, const load::BuildContext& ctx,
                              bool with_deps);

}  // namespace heapmap::driver

#endif  // HEAPMAP_DRIVER_FLAGS_H_
