// driver/flags.cc — command-line parsing and the --help text, from one table.
//
// The flag table below is the single source of truth: ParseCommandLine accepts exactly
// the flags it lists for each command, and UsageText prints them, so --help cannot
// drift from what is accepted.
#include "driver/flags.h"

#include "absl/strings/string_view.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace heapmap::driver {
namespace {

struct CommandInfo {
  absl::string_view name;
  absl::string_view args;
  absl::string_view summary;
  absl::string_view detail;
};

constexpr CommandInfo kCommands[] = {
    {"list", "[-json] [packages]", "list packages and their files",
     "Prints the import path of each package that the patterns match, one a line, as\n"
     "`go list` does. With -json, prints one JSON object per package with the go\n"
     "command's field names (ImportPath, Dir, Name, GoFiles, IgnoredGoFiles, Imports,\n"
     "Error, ...). Packages that fail to load are listed with an Error and make the\n"
     "exit status 1; all others are still listed."},
    {"parse", "[packages | files.go]", "parse Go files and report syntax errors",
     "Parses every Go file of the matched packages (or the .go files named) in\n"
     "parallel and prints each syntax error as file:line:col: message. Exit status 1\n"
     "if there was any error, a package that failed to load, or an unreadable file.\n"
     "A summary (files, bytes, time) goes to stderr unless -q."},
    {"check", "[packages]", "type-check packages and report type errors",
     "Loads the packages and everything they import, parses them in parallel and\n"
     "type-checks them in import order (packages without a path between them in\n"
     "parallel). Prints each syntax or type error of the named packages as\n"
     "file:line:col: message, in load order. Exit status 1 if there was any error.\n"
     "A summary goes to stderr unless -q."},
    {"analyze", "-m [-l] [packages]", "escape analysis: gc's -m lines for packages",
     "Loads the packages and everything they import, type-checks them, lowers every\n"
     "function to escape IR and runs the Go compiler's escape analysis over the whole\n"
     "program, bottom-up over the static call graph (callees before callers, in parallel).\n"
     "For each package named, prints `# importpath` and its -m lines as\n"
     "`go build -gcflags=-m` does: first the inliner's (as `heapmap inline -m`), then the\n"
     "escape lines of the code as inlined (the bodies of inlined calls are analyzed in\n"
     "their callers). With -l, inlining is off, as gc's -l, and the lines are those of\n"
     "`-gcflags='-m -l'`, in gc's order. Packages with errors are reported on stderr and\n"
     "skipped with everything that imports them (exit status 1). With -cache, per-SCC\n"
     "summaries are kept in DIR (content-addressed) and reused by later runs; the\n"
     "default is no cache. A summary goes to stderr unless -q."},
    {"inline", "-m [-m=2] [packages]", "inlining: gc's can-inline and inlining-call lines",
     "Loads the packages and everything they import, type-checks them and runs the Go\n"
     "compiler's inliner decisions over each package as soon as its imports are done:\n"
     "which functions can be inlined (gc's cost model, budget 80) and which calls are\n"
     "inlined (mid-stack, transitively, across packages). For each package named, prints\n"
     "`# importpath` and the `can inline F` and `inlining call to F` lines that\n"
     "`go build -gcflags=-m` prints, ordered by position; -m=2 adds each function's cost\n"
     "and the reason a function cannot be inlined. Generic functions are not handled yet.\n"
     "`heapmap analyze -m` prints these lines too, with the escape lines of the code as\n"
     "inlined.\n"
     "A summary goes to stderr unless -q."},
    {"help", "[command]", "show help for a command", ""},
    {"version", "", "print heapmap's version", ""},
};

// Which commands accept a flag: a string of command names separated by spaces.
struct FlagInfo {
  absl::string_view name;
  absl::string_view value;  // empty for a boolean flag
  absl::string_view commands;
  absl::string_view help;
};

constexpr FlagInfo kFlags[] = {
    {"json", "", "list", "print one JSON object per package, as `go list -json`"},
    {"j", "N", "list parse check analyze inline", "worker threads (default: one per core)"},
    {"q", "", "parse check analyze inline", "no summary line on stderr"},
    {"goroot", "DIR", "list parse check analyze inline",
     "Go source tree (default: $GOROOT, then /usr/local/go, /usr/lib/go, /usr/lib/go-1.*)"},
    {"gopath", "DIRS", "list parse check analyze inline", "GOPATH (default: $GOPATH, then $HOME/go)"},
    {"goos", "OS", "list parse check analyze inline", "target GOOS for build constraints (default: $GOOS, then linux)"},
    {"goarch", "ARCH", "list parse check analyze inline",
     "target GOARCH for build constraints (default: $GOARCH, then amd64)"},
    {"tags", "a,b", "list parse check analyze inline", "extra build tags, comma-separated"},
    {"dump-types", "FILE", "check",
     "write go/types-style recorded expressions of the named packages to FILE (tests/types_oracle)"},
    {"dump-objects", "FILE", "check", "write the Defs/Uses identifiers of the named packages to FILE"},
    {"dump-sizes", "FILE", "check",
     "write size, alignment and offsets of the named packages' struct types to FILE"},
    {"m", "", "analyze inline", "print gc's -m lines (-m=2: inline also prints costs and reasons)"},
    {"l", "", "analyze inline",
     "no inlining, as gc's -l; -l=N as gc's: 0 on, 1 off, 2 and 3 on, 4 on with calls "
     "costing 1 instead of 57"},
    {"d", "LIST", "analyze inline",
     "gc's debug settings that change decisions: inlfuncswithclosures=0|1 (default 1)"},
    {"smallframes", "", "analyze",
     "gc's -smallframes: stack limits 128 KiB for variables, 16 KiB for implicit allocations"},
    {"cache", "DIR", "analyze",
     "reuse and store summaries in DIR (\"auto\": $XDG_CACHE_HOME/heapmap or ~/.cache/heapmap)"},
    {"h", "", "list parse check analyze inline help version", "show help"},
    {"help", "", "list parse check analyze inline help version", "show help"},
};

bool CommandTakesFlag(const FlagInfo& flag, absl::string_view command) {
  absl::string_view rest = flag.commands;
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    if (rest.substr(0, space) == command) return true;
    if (space == absl::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return false;
}

const FlagInfo* FindFlag(absl::string_view name) {
  for (const FlagInfo& flag : kFlags) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

const CommandInfo* FindCommand(absl::string_view name) {
  for (const CommandInfo& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

absl::Status ApplyFlag(absl::string_view name, absl::string_view value, CommandLine& cl) {
  if (name == "json") {
    cl.json = true;
  } else if (name == "q") {
    cl.quiet = true;
  } else if (name == "h" || name == "help") {
    cl.help = true;
  } else if (name == "j") {
    if (!absl::SimpleAtoi(std::string(value), &cl.threads) || cl.threads < 1 ||
        cl.threads > 1024) {
      return absl::InvalidArgumentError(absl::StrCat(
          "invalid value \"", std::string(value), "\" for flag -j: want a number from 1 to 1024"));
    }
  } else if (name == "dump-types") {
    cl.dump_types = std::string(value);
  } else if (name == "dump-objects") {
    cl.dump_objects = std::string(value);
  } else if (name == "dump-sizes") {
    cl.dump_sizes = std::string(value);
  } else if (name == "m") {
    cl.escape_m = true;
    cl.m_level = 1;
    if (!value.empty() && (!absl::SimpleAtoi(std::string(value), &cl.m_level) ||
                           cl.m_level < 1 || cl.m_level > 2)) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid value \"", std::string(value), "\" for flag -m: want 1 or 2"));
    }
  } else if (name == "l") {
    // gc's -l is a count: -l (= -l=1) turns inlining off, -l=0 leaves it on, -l=2 and
    // up turn it on again (4 also makes calls cheap).
    int level = 1;
    if (!value.empty() && (!absl::SimpleAtoi(std::string(value), &level) || level < 0 ||
                           level > 4)) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid value \"", std::string(value), "\" for flag -l: want 0 to 4"));
    }
    cl.no_inline = level == 1;
    cl.inline_level = level <= 1 ? 1 : level;
  } else if (name == "d") {
    for (absl::string_view kv : absl::StrSplit(value, ',', absl::SkipEmpty())) {
      std::pair<absl::string_view, absl::string_view> p = absl::StrSplit(kv, '=');
      int v = 0;
      if (p.first != "inlfuncswithclosures" || !absl::SimpleAtoi(p.second, &v) || v < 0 ||
          v > 1) {
        return absl::InvalidArgumentError(absl::StrCat(
            "invalid value \"", std::string(kv),
            "\" for flag -d: heapmap knows inlfuncswithclosures=0|1"));
      }
      cl.inline_funcs_with_closures = v == 1;
    }
  } else if (name == "smallframes") {
    cl.small_frames = true;
  } else if (name == "cache") {
    cl.cache_dir = std::string(value);
  } else if (name == "goroot") {
    cl.context.goroot = std::string(value);
  } else if (name == "gopath") {
    cl.context.gopath = std::string(value);
  } else if (name == "goos") {
    cl.context.goos = std::string(value);
  } else if (name == "goarch") {
    cl.context.goarch = std::string(value);
  } else if (name == "tags") {
    for (absl::string_view tag : absl::StrSplit(std::string(value), ',', absl::SkipWhitespace())) {
      cl.context.tags.emplace_back(absl::StripAsciiWhitespace(tag));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& argv) {
  CommandLine cl;
  size_t i = 0;
  if (i < argv.size() && (argv[i] == "-h" || argv[i] == "--help" || argv[i] == "-help")) {
    cl.command = "help";
    return cl;
  }
  if (i >= argv.size()) {
    return absl::InvalidArgumentError("no command given; run 'heapmap --help'");
  }
  cl.command = argv[i++];
  if (FindCommand(cl.command) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown command \"", cl.command, "\"; run 'heapmap --help'"));
  }
  bool flags_done = false;
  for (; i < argv.size(); ++i) {
    absl::string_view arg = argv[i];
    if (flags_done || arg.size() < 2 || arg[0] != '-') {
      cl.args.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      continue;
    }
    absl::string_view body = arg.substr(arg[1] == '-' ? 2 : 1);
    absl::string_view name = body, value;
    bool has_value = false;
    if (size_t eq = body.find('='); eq != absl::string_view::npos) {
      name = body.substr(0, eq);
      value = body.substr(eq + 1);
      has_value = true;
    }
    const FlagInfo* flag = FindFlag(name);
    if (flag == nullptr || !CommandTakesFlag(*flag, cl.command)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag ", arg, " for ", cl.command,
                                                     "; run 'heapmap help ", cl.command, "'"));
    }
    if (!flag->value.empty() && !has_value) {
      if (i + 1 >= argv.size()) {
        return absl::InvalidArgumentError(absl::StrCat("flag -", name, " needs a value"));
      }
      value = argv[++i];
    } else if (flag->value.empty() && has_value && name != "m" && name != "l") {  // -m=2, -l=4
      return absl::InvalidArgumentError(absl::StrCat("flag -", name, " takes no value"));
    }
    if (absl::Status s = ApplyFlag(name, value, cl); !s.ok()) return s;
  }
  return cl;
}

std::string UsageText(const std::string& command) {
  std::string out;
  if (command.empty()) {
    out =
        "heapmap: whole-program escape analysis for Go\n\n"
        "Usage: heapmap <command> [flags] [packages]\n\nCommands:\n";
    for (const CommandInfo& c : kCommands) {
      absl::StrAppend(&out, "  ", c.name, std::string(10 - c.name.size(), ' '), c.summary, "\n");
    }
    absl::StrAppend(
        &out,
        "\nPackages are named as for the go command: import paths, directories, patterns\n"
        "with ... (std, cmd, all, ./..., net/...), or a list of .go files that form one\n"
        "package. With no packages, the package in the current directory.\n\n"
        "Run 'heapmap help <command>' for a command's flags.\n");
    return out;
  }
  const CommandInfo* c = FindCommand(command);
  if (c == nullptr) return "";
  absl::StrAppend(&out, "Usage: heapmap ", c->name, " ", c->args, "\n\n");
  if (!c->detail.empty()) absl::StrAppend(&out, c->detail, "\n\n");
  absl::StrAppend(&out, "Flags:\n");
  for (const FlagInfo& flag : kFlags) {
    if (!CommandTakesFlag(flag, command)) continue;
    std::string left = absl::StrCat("-", flag.name, flag.value.empty() ? "" : " ", flag.value);
    absl::StrAppend(&out, "  ", left, std::string(left.size() < 14 ? 14 - left.size() : 1, ' '),
                    flag.help, "\n");
  }
  return out;
}

}  // namespace heapmap::driver
