// ir/lower_tool.cc — heapmap_lower_tool FILE.go...: lowers one package (imports: unsafe only)
// and prints gc's `-m -l` lines, for scoring against GOROOT/test with escape-score.
#include <fstream>
#include <iostream>
#include <sstream>

#include "ir/lower_testutil.h"

int main(int argc, char** argv) {
  std::vector<std::pair<std::string, std::string>> sources;
  for (int i = 1; i < argc; i++) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    sources.emplace_back(argv[i], ss.str());
  }
  heapmap::ir::LoweredRun r = heapmap::ir::LowerAndSolve(sources);
  for (const std::string& e : r.errors) std::cerr << e << "\n";
  for (const std::string& l : r.lines) std::cout << l << "\n";
  return 0;
}
