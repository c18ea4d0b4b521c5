// summaries/lower_tool.cc — heapmap_lower_tool [-ir] FILE.go...: lowers one package (imports:
// unsafe only) and prints gc's `-m -l` lines; with -ir, the IR of every unit first.
#include <fstream>
#include <iostream>
#include <sstream>

#include "summaries/lower_testutil.h"

int main(int argc, char** argv) {
  std::vector<std::pair<std::string, std::string>> sources;
  bool dump = argc > 1 && std::string(argv[1]) == "-ir";
  for (int i = dump ? 2 : 1; i < argc; i++) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    sources.emplace_back(argv[i], ss.str());
  }
  std::string ir;
  heapmap::summaries::LoweredRun r = heapmap::summaries::LowerAndSolve(sources, "p", dump ? &ir : nullptr);
  std::cout << ir;
  for (const std::string& e : r.errors) std::cerr << e << "\n";
  for (const std::string& l : r.lines) std::cout << l << "\n";
  return 0;
}
