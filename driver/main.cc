// driver/main.cc — the `heapmap` binary: parse the command line, run a subcommand.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/stack.h"
#include "driver/commands.h"
#include "driver/flags.h"
#include "tbb/global_control.h"

int main(int argc, char** argv) {
  using namespace heapmap::driver;
  std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<CommandLine> cl = ParseCommandLine(args);
  if (!cl.ok()) {
    std::fprintf(stderr, "heapmap: %s\n", std::string(cl.status().message()).c_str());
    return 2;
  }
  if (cl->command == "help" || cl->help) {
    std::string topic = cl->command == "help" ? (cl->args.empty() ? "" : cl->args[0]) : cl->command;
    std::string text = UsageText(topic);
    if (text.empty()) {
      std::fprintf(stderr, "heapmap: unknown help topic \"%s\"; run 'heapmap --help'\n",
                   topic.c_str());
      return 2;
    }
    std::fputs(text.c_str(), stdout);
    return 0;
  }
  if (cl->command == "version") {
    std::printf("%s\n", kVersion);
    return 0;
  }
  std::unique_ptr<tbb::global_control> threads;
  if (cl->threads > 0) {
    threads = std::make_unique<tbb::global_control>(
        tbb::global_control::max_allowed_parallelism, cl->threads);
  }
  // Every thread that walks syntax trees gets gc's stack: oneTBB's workers, and the main
  // thread's work (which joins oneTBB's arenas) runs on a thread of its own (base/stack.h).
  tbb::global_control stack_size(tbb::global_control::thread_stack_size,
                                 heapmap::base::kThreadStackBytes);
  return heapmap::base::RunOnLargeStack(heapmap::base::kThreadStackBytes, [&] {
    if (cl->command == "list") return RunList(*cl);
    if (cl->command == "buildfiles") return RunBuildFiles(*cl);
    if (cl->command == "parse") return RunParse(*cl);
    if (cl->command == "check") return RunCheck(*cl);
    if (cl->command == "analyze") return RunAnalyze(*cl);
    if (cl->command == "inline") return RunInline(*cl);
    if (cl->command == "cache") return RunCache(*cl);
    if (cl->command == "action") return RunAction(*cl);
    if (cl->command == "print") return RunPrint(*cl);
    if (cl->command == "report") return RunReport(*cl);
    if (cl->command == "explain") return RunExplain(*cl);
    if (cl->command == "scan") return RunScanStore(*cl);
    if (cl->command == "history") return RunHistory(*cl);
    if (cl->command == "diff") return RunDiff(*cl);
    if (cl->command == "assert") return RunAssert(*cl);
    if (cl->command == "dashboard") return RunDashboard(*cl);
    std::fprintf(stderr, "heapmap: command \"%s\" is not implemented\n", cl->command.c_str());
    return 2;
  });
}
