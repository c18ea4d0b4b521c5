// frontend/types/typestring_random_test.cc — 400 random types: our TypeString must equal go/types', and each type must be Identical to a second copy.
//
// typestring_random.inc was produced by a throwaway Go program that builds random types
// with go/types' constructors from a seeded PRNG and prints, per line, a prefix recipe and
// types.TypeString(t, path qualifier). Recipe: "B k" basic kind k (go/types numbering),
// byte, rune, "P t" pointer, "S t" slice, "A n t" array, "M k v" map, "C d t" chan (0
// both, 1 send, 2 recv), "T n {name tag t}" struct (name/tag: indices into the tables
// below), "F variadic named np {t} nr {t}" signature (parameters p0.., results r0.. when
// named), "NT" example.com/p.T, "NR" net/http.Request, "I nm e" interface with methods
// M, N, m (func()) and, if e, embedded error.
#include <gtest/gtest.h>

#include <sstream>

#include "frontend/types/predicates.h"
#include "frontend/types/typetest_util.h"

namespace heapmap::types {
namespace {

using testing::Builder;
using testing::RecipeBuilder;

constexpr const char* kRandom =
#include "frontend/types/typestring_random.inc"
    ;

TEST(TypeStringRandomTest, MatchesGoTypes) {
  Builder http("net/http");
  Named* request = http.NewNamed("Request", http.StructOf({}));
  Builder b("example.com/p");
  Named* t = b.NewNamed("T", b.StructOf({}));
  RecipeBuilder rb(&b, t, request);
  std::istringstream lines(kRandom);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::istringstream r1(line.substr(0, tab)), r2(line.substr(0, tab));
    Type* x = rb.Build(r1);
    Type* y = rb.Build(r2);
    EXPECT_EQ(testing::S(x), line.substr(tab + 1)) << line.substr(0, tab);
    EXPECT_TRUE(Identical(x, y)) << line.substr(0, tab);
    n++;
  }
  EXPECT_EQ(n, 400);
}

}  // namespace
}  // namespace heapmap::types
