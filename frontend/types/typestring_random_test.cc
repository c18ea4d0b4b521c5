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
#include "frontend/types/typeset.h"
#include "frontend/types/typetest_util.h"

namespace heapmap::types {
namespace {

using testing::Builder;

constexpr const char* kRandom =
#include "frontend/types/typestring_random.inc"
    ;

class RecipeBuilder {
 public:
  RecipeBuilder(Builder* b, Named* t, Named* r) : b_(b), t_(t), r_(r) {}

  Type* Build(std::istringstream& in) {
    std::string tok;
    in >> tok;
    if (tok == "B") return Typ(static_cast<BasicKind>(Int(in)));
    if (tok == "byte") return UniverseByte();
    if (tok == "rune") return UniverseRune();
    if (tok == "P") return b_->Ptr(Build(in));
    if (tok == "S") return b_->SliceOf(Build(in));
    if (tok == "A") {
      int n = Int(in);
      return b_->ArrayOf(Build(in), n);
    }
    if (tok == "M") {
      Type* k = Build(in);
      return b_->MapOf(k, Build(in));
    }
    if (tok == "C") {
      int d = Int(in);
      return b_->ChanOf(static_cast<ChanDir>(d), Build(in));
    }
    if (tok == "T") {
      static const char* kNames[] = {"a", "b", "X", "Y", "_"};
      static const char* kTags[] = {"", "json:\"x\"", "a\tb", "q\"uote"};
      int n = Int(in);
      std::vector<Var*> fields;
      std::vector<std::string> tags;
      for (int i = 0; i < n; i++) {
        int ni = Int(in);
        int ti = Int(in);
        fields.push_back(b_->Field(kNames[ni], Build(in)));
        tags.push_back(kTags[ti]);
      }
      return b_->StructOf(std::move(fields), std::move(tags));
    }
    if (tok == "F") {
      bool variadic = Int(in) != 0;
      bool named = Int(in) != 0;
      int np = Int(in);
      std::vector<Var*> params;
      for (int i = 0; i < np; i++) {
        params.push_back(b_->Param(named ? "p" + std::to_string(i) : "", Build(in)));
      }
      int nr = Int(in);
      std::vector<Var*> results;
      for (int i = 0; i < nr; i++) {
        results.push_back(b_->Param(named ? "r" + std::to_string(i) : "", Build(in)));
      }
      return b_->Sig(b_->TupleOf(std::move(params)), b_->TupleOf(std::move(results)), variadic);
    }
    if (tok == "NT") return t_;
    if (tok == "NR") return r_;
    if (tok == "I") {
      static const char* kMethods[] = {"M", "N", "m"};
      int nm = Int(in);
      std::vector<Func*> methods;
      for (int i = 0; i < nm; i++) methods.push_back(b_->IMethod(kMethods[i], b_->Sig(nullptr, nullptr)));
      std::vector<Type*> embeddeds;
      if (Int(in) != 0) embeddeds.push_back(UniverseError());
      SortMethods(&methods);
      return b_->Iface(std::move(methods), std::move(embeddeds));
    }
    ADD_FAILURE() << "bad recipe token " << tok;
    return Typ(BasicKind::kInvalid);
  }

 private:
  static int Int(std::istringstream& in) {
    int x = 0;
    in >> x;
    return x;
  }
  Builder* b_;
  Named* t_;
  Named* r_;
};

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
