// bench/parse_benchmark.cc — heapmap's scanner+parser throughput over a set of Go files.
//
// The files come from $HEAPMAP_BENCH_FILES (one path a line; run_parse_bench.sh writes
// the list `go list std` selects), else from heapmap's own loader: `std` of the GOROOT
// that MakeBuildContext finds. Sources are read into memory first; only parsing is
// timed. Reports bytes_per_second (shown as MB/s by --benchmark_counters_tabular).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "summaries/parse_files.h"
#include "frontend/load/loader.h"
#include "frontend/syntax/parser.h"
#include "tbb/global_control.h"
#include "tbb/parallel_for.h"

namespace {

struct Corpus {
  std::vector<std::string> paths;
  std::vector<std::string> sources;
  int64_t bytes = 0;
};

const Corpus& StdCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    if (const char* list = std::getenv("HEAPMAP_BENCH_FILES")) {
      std::ifstream in(list);
      for (std::string line; std::getline(in, line);) {
        if (!line.empty()) c->paths.push_back(line);
      }
    } else {
      auto ctx = heapmap::load::MakeBuildContext({}, heapmap::load::ProcessEnvironment());
      if (!ctx.ok()) {
        std::fprintf(stderr, "%s\n", std::string(ctx.status().message()).c_str());
        std::exit(2);
      }
      for (const auto& pkg : heapmap::load::Load(*ctx, {"std"}).packages) {
        for (const auto& f : pkg.go_files) c->paths.push_back(pkg.dir + "/" + f);
      }
    }
    for (const std::string& p : c->paths) {
      std::string text, error;
      if (!heapmap::summaries::ReadFile(p, text, error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        std::exit(2);
      }
      c->bytes += static_cast<int64_t>(text.size());
      c->sources.push_back(std::move(text));
    }
    std::fprintf(stderr, "parse benchmark corpus: %zu files, %.2f MB\n", c->paths.size(),
                 c->bytes / 1e6);
    return c;
  }();
  return *corpus;
}

// Parses every file of the corpus once per iteration on `threads` threads. The copy of
// the source into ParsedFile is part of the cost, as it is in `heapmap parse`.
void BM_ParseStd(benchmark::State& state) {
  const Corpus& corpus = StdCorpus();
  const int threads = static_cast<int>(state.range(0));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  size_t errors = 0;
  for (auto _ : state) {
    std::vector<size_t> file_errors(corpus.sources.size());
    tbb::parallel_for(tbb::blocked_range<size_t>(0, corpus.sources.size(), 1),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t i = r.begin(); i != r.end(); ++i) {
                          auto parsed = heapmap::syntax::ParseFile(corpus.paths[i], corpus.sources[i]);
                          file_errors[i] = parsed.errors.size();
                        }
                      });
    for (size_t e : file_errors) errors += e;
  }
  if (errors != 0) state.SkipWithError("syntax errors in the corpus");
  state.SetBytesProcessed(state.iterations() * corpus.bytes);
  state.counters["files"] = static_cast<double>(corpus.sources.size());
}
BENCHMARK(BM_ParseStd)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3);

}  // namespace

BENCHMARK_MAIN();
