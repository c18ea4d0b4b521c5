// frontend/types/predicates_test.cc — identity, comparability, nil-ability, core types, type sets.
#include "frontend/types/predicates.h"

#include <gtest/gtest.h>

#include <sstream>

#include "frontend/types/context.h"
#include "frontend/types/typeset.h"
#include "frontend/types/typetest_util.h"

namespace heapmap::types {
namespace {

using testing::Builder;
using testing::S;

Type* Int() { return Typ(BasicKind::kInt); }
Type* Str() { return Typ(BasicKind::kString); }

TEST(PredicatesTest, IdentityAcrossArenas) {
  Builder a("example.com/a"), b("example.com/b");
  EXPECT_TRUE(Identical(a.SliceOf(Int()), b.SliceOf(Int())));
  EXPECT_TRUE(Identical(UniverseByte(), Typ(BasicKind::kUint8)));
  EXPECT_FALSE(Identical(a.SliceOf(Int()), b.ArrayOf(Int(), 3)));
  EXPECT_TRUE(Identical(a.MapOf(Str(), a.Ptr(Int())), b.MapOf(Str(), b.Ptr(Int()))));
  EXPECT_FALSE(Identical(a.ChanOf(ChanDir::kSendOnly, Int()), a.ChanOf(ChanDir::kSendRecv, Int())));
  // Struct tags matter for Identical, not for IdenticalIgnoreTags.
  Struct* s1 = a.StructOf({a.Field("X", Int())}, {"json:\"x\""});
  Struct* s2 = b.StructOf({b.Field("X", Int())});
  EXPECT_FALSE(Identical(s1, s2));
  EXPECT_TRUE(IdenticalIgnoreTags(s1, s2));
  // Unexported field names from different packages differ.
  EXPECT_FALSE(Identical(a.StructOf({a.Field("x", Int())}), b.StructOf({b.Field("x", Int())})));
  EXPECT_TRUE(Identical(a.StructOf({a.Field("x", Int())}), a.StructOf({a.Field("x", Int())})));
  // Signatures: parameter names and variadic.
  Signature* f1 = a.Sig(a.TupleOf({a.Param("x", Int())}), a.Types({Str()}));
  Signature* f2 = b.Sig(b.Types({Int()}), b.Types({Str()}));
  EXPECT_TRUE(Identical(f1, f2));
  EXPECT_FALSE(Identical(a.Sig(a.Types({a.SliceOf(Int())}), nullptr, true),
                         a.Sig(a.Types({a.SliceOf(Int())}), nullptr, false)));
  // Named types by object; interfaces by type set.
  Named* n1 = a.NewNamed("N", Int());
  Named* n2 = b.NewNamed("N", Int());
  EXPECT_FALSE(Identical(n1, n2));
  EXPECT_TRUE(Identical(n1, n1));
  Interface* i1 = a.Iface({a.IMethod("M", a.Sig(nullptr, nullptr))});
  Interface* i2 = b.Iface({b.IMethod("M", b.Sig(nullptr, nullptr))});
  EXPECT_TRUE(Identical(i1, i2));
  EXPECT_TRUE(Identical(a.Iface({}), UniverseAny()));
  // An interface embedding i1 equals i1.
  EXPECT_TRUE(Identical(a.Iface({}, {i1}), i2));
}

TEST(PredicatesTest, GenericSignaturesAndInstances) {
  Builder a("example.com/a");
  TypeParam* p = a.NewTypeParam("P", UniverseAny());
  TypeParam* q = a.NewTypeParam("Q", UniverseAny());
  Signature* f = a.Sig(a.TupleOf({a.Param("x", p)}), nullptr);
  f->set_type_params({p});
  Signature* g = a.Sig(a.TupleOf({a.Param("y", q)}), nullptr);
  g->set_type_params({q});
  EXPECT_TRUE(Identical(f, g));
  Named* list = a.NewNamed("List", nullptr);
  TypeParam* t = a.NewTypeParam("T", UniverseAny());
  list->SetTypeParams({t});
  list->SetUnderlying(a.StructOf({a.Field("v", t)}));
  EXPECT_TRUE(IsGeneric(list));
  Named* li1 = InstantiateNamed(&a.arena(), nullptr, list, {Int()});
  Named* li2 = InstantiateNamed(&a.arena(), nullptr, list, {Int()});
  Named* ls = InstantiateNamed(&a.arena(), nullptr, list, {Str()});
  EXPECT_NE(li1, li2);
  EXPECT_TRUE(Identical(li1, li2));
  EXPECT_FALSE(Identical(li1, ls));
  EXPECT_FALSE(IsGeneric(li1));
}

TEST(PredicatesTest, ComparableAndHasNil) {
  Builder a("example.com/a");
  EXPECT_TRUE(Comparable(Int()));
  EXPECT_TRUE(Comparable(a.Ptr(Int())));
  EXPECT_FALSE(Comparable(a.SliceOf(Int())));
  EXPECT_FALSE(Comparable(a.MapOf(Int(), Int())));
  EXPECT_FALSE(Comparable(a.Sig(nullptr, nullptr)));
  EXPECT_TRUE(Comparable(a.ArrayOf(Str(), 2)));
  EXPECT_FALSE(Comparable(a.ArrayOf(a.SliceOf(Int()), 2)));
  EXPECT_FALSE(Comparable(a.StructOf({a.Field("s", a.SliceOf(Int()))})));
  EXPECT_TRUE(Comparable(UniverseAny()));  // dynamically
  std::string why;
  EXPECT_FALSE(ComparableEx(a.StructOf({a.Field("s", a.SliceOf(Int()))}), false,
                            [&](const std::string& s) { why = s; }));
  EXPECT_EQ(why, "struct containing []int cannot be compared");
  EXPECT_FALSE(Comparable(Typ(BasicKind::kUntypedNil)));

  EXPECT_TRUE(HasNil(a.SliceOf(Int())));
  EXPECT_TRUE(HasNil(Typ(BasicKind::kUnsafePointer)));
  EXPECT_TRUE(HasNil(UniverseError()));
  EXPECT_FALSE(HasNil(Int()));
  EXPECT_FALSE(HasNil(a.ArrayOf(Int(), 1)));
  // A type parameter has nil only if every type in its set has.
  TypeParam* p = a.NewTypeParam("P", a.Iface({}, {a.arena().New<Union>(std::vector<Term>{
                                                     {false, a.SliceOf(Int())}, {true, a.Ptr(Int())}})}));
  EXPECT_TRUE(HasNil(p));
  TypeParam* q = a.NewTypeParam("Q", UniverseAny());
  EXPECT_FALSE(HasNil(q));
}

TEST(PredicatesTest, BasicPredicatesAndDefault) {
  Builder a("example.com/a");
  EXPECT_TRUE(IsInteger(Typ(BasicKind::kUntypedRune)));
  EXPECT_TRUE(IsUnsigned(Typ(BasicKind::kUintptr)));
  EXPECT_TRUE(IsFloat(a.NewNamed("F", Typ(BasicKind::kFloat32))));
  EXPECT_FALSE(IsNumeric(Str()));
  EXPECT_TRUE(IsUntyped(Typ(BasicKind::kUntypedNil)));
  EXPECT_TRUE(IsTyped(Int()));
  EXPECT_EQ(Default(Typ(BasicKind::kUntypedRune)), UniverseRune());
  EXPECT_EQ(Default(Typ(BasicKind::kUntypedFloat)), Typ(BasicKind::kFloat64));
  EXPECT_EQ(Default(Int()), Int());
  EXPECT_TRUE(IsInterface(UniverseError()));
  TypeParam* num = a.NewTypeParam("N", a.Iface({}, {a.arena().New<Union>(std::vector<Term>{
                                                       {true, Int()}, {true, Typ(BasicKind::kFloat64)}})}));
  EXPECT_TRUE(AllNumeric(num));
  EXPECT_FALSE(AllInteger(num));
  EXPECT_FALSE(IsNumeric(num));
}

TEST(PredicatesTest, CoreTypes) {
  Builder a("example.com/a");
  // ~[]int | []int: core type []int.
  TypeParam* p = a.NewTypeParam("P", a.Iface({}, {a.arena().New<Union>(std::vector<Term>{
                                                     {true, a.SliceOf(Int())}})}));
  EXPECT_EQ(S(CoreType(p)), "[]int");
  // chan int | <-chan int: the restricted direction.
  TypeParam* c = a.NewTypeParam("C", a.Iface({}, {a.arena().New<Union>(std::vector<Term>{
                                                     {false, a.ChanOf(ChanDir::kSendRecv, Int())},
                                                     {false, a.ChanOf(ChanDir::kRecvOnly, Int())}})}));
  EXPECT_EQ(S(CoreType(c)), "<-chan int");
  // int | string: no core type; but ~string | ~[]byte has core string "string".
  TypeParam* is = a.NewTypeParam("I", a.Iface({}, {a.arena().New<Union>(std::vector<Term>{
                                                      {false, Int()}, {false, Str()}})}));
  EXPECT_EQ(CoreType(is), nullptr);
  TypeParam* bs = a.NewTypeParam("B", a.Iface({}, {a.arena().New<Union>(std::vector<Term>{
                                                      {true, Str()}, {true, a.SliceOf(UniverseByte())}})}));
  EXPECT_EQ(CoreType(bs), nullptr);
  EXPECT_EQ(CoreString(bs), Typ(BasicKind::kString));
  EXPECT_EQ(CoreType(UniverseAny()), UniverseAny());
  // An unconstrained type parameter has no core type.
  EXPECT_EQ(CoreType(a.NewTypeParam("Q", UniverseAny())), nullptr);
}

TEST(TypeSetTest, Computation) {
  Builder a("example.com/a");
  // interface{ ~int | string; comparable; M() }
  Interface* i = a.Iface({a.IMethod("M", a.Sig(nullptr, nullptr))},
                         {a.arena().New<Union>(std::vector<Term>{{true, Int()}, {false, Str()}}),
                          UniverseComparable()});
  const TypeSet* ts = i->GetTypeSet();
  EXPECT_EQ(ts->NumMethods(), 1);
  EXPECT_TRUE(ts->IsComparable());
  EXPECT_FALSE(ts->IsMethodSet());
  EXPECT_EQ(ts->terms().size(), 2u);
  // interface{ int; string } is empty.
  Interface* empty = a.Iface({}, {Int(), Str()});
  EXPECT_TRUE(empty->GetTypeSet()->IsEmpty());
  // ~int ∪ int normalizes to ~int; methods from embedded interfaces merge and sort.
  Interface* e1 = a.Iface({a.IMethod("b", a.Sig(nullptr, nullptr)), a.IMethod("A", a.Sig(nullptr, nullptr))});
  Interface* e2 = a.Iface({a.IMethod("C", a.Sig(nullptr, nullptr))}, {e1});
  EXPECT_EQ(e2->NumMethods(), 3);
  EXPECT_EQ(e2->Method(0)->name(), "A");
  EXPECT_EQ(e2->Method(1)->name(), "C");
  EXPECT_EQ(e2->Method(2)->name(), "b");
  EXPECT_TRUE(e2->IsMethodSet());
  Interface* norm = a.Iface({}, {a.arena().New<Union>(std::vector<Term>{{true, Int()}, {false, Int()}})});
  ASSERT_EQ(norm->GetTypeSet()->terms().size(), 1u);
  EXPECT_TRUE(norm->GetTypeSet()->terms()[0].tilde);
  EXPECT_TRUE(UniverseAny()->Empty());
  EXPECT_TRUE(UniverseComparable()->Underlying()->kind() == TypeKind::kInterface);
  EXPECT_TRUE(static_cast<Interface*>(UniverseComparable()->Underlying())->IsComparable());
  // Duplicate explicit methods are reported.
  Interface* dup = a.Iface({a.IMethod("M", a.Sig(nullptr, nullptr)), a.IMethod("M", a.Sig(nullptr, nullptr))});
  std::vector<std::string> errs;
  ComputeInterfaceTypeSet(dup, syntax::Pos{}, [&](syntax::Pos, const std::string& m) { errs.push_back(m); });
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0], "duplicate method M");
}

constexpr const char* kRandomPairs =
#include "frontend/types/predicates_random.inc"
    ;

// 600 pairs of random types (a third built twice from one seed, a third differing only in
// struct tags): Identical and IdenticalIgnoreTags must agree with go/types.
TEST(PredicatesRandomTest, IdentityMatchesGoTypes) {
  Builder http("net/http");
  Named* request = http.NewNamed("Request", http.StructOf({}));
  Builder b("example.com/p");
  Named* t = b.NewNamed("T", b.StructOf({}));
  testing::RecipeBuilder rb(&b, t, request);
  std::istringstream lines(kRandomPairs);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    size_t t1 = line.find('\t');
    if (t1 == std::string::npos) continue;
    size_t t2 = line.find('\t', t1 + 1);
    std::istringstream r1(line.substr(0, t1)), r2(line.substr(t1 + 1, t2 - t1 - 1));
    Type* x = rb.Build(r1);
    Type* y = rb.Build(r2);
    ASSERT_NE(x, nullptr) << line;
    ASSERT_NE(y, nullptr) << line;
    std::string want = line.substr(t2 + 1);
    std::string got = std::string(Identical(x, y) ? "1" : "0") + " " + (IdenticalIgnoreTags(x, y) ? "1" : "0");
    EXPECT_EQ(got, want) << line;
    n++;
  }
  EXPECT_EQ(n, 600);
}

}  // namespace
}  // namespace heapmap::types
