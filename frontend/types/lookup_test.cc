// frontend/types/lookup_test.cc — field/method lookup through embedding, ambiguity, method sets, missing methods.
#include "frontend/types/lookup.h"

#include <gtest/gtest.h>

#include "frontend/types/context.h"
#include "frontend/types/methodset.h"
#include "frontend/types/typetest_util.h"

namespace heapmap::types {
namespace {

using testing::Builder;

Type* Int() { return Typ(BasicKind::kInt); }

// type Inner struct{ X int }        func (Inner) M(); func (*Inner) P()
// type Other struct{ X, Y int }     func (*Other) Q()
// type Outer struct{ a int; Inner; *Other }
struct Fixture {
  Builder b{"example.com/p"};
  Named* inner;
  Named* other;
  Named* outer;
  Func* m;
  Func* p;
  Func* q;
  Fixture() {
    inner = b.NewNamed("Inner", b.StructOf({b.Field("X", Int())}));
    other = b.NewNamed("Other", b.StructOf({b.Field("X", Int()), b.Field("Y", Int())}));
    outer = b.NewNamed("Outer", b.StructOf({b.Field("a", Int()), b.Embed(inner), b.Embed(b.Ptr(other))}));
    m = b.AddMethod(inner, "M", b.Sig(nullptr, nullptr));
    p = b.AddMethod(inner, "P", b.Sig(nullptr, nullptr), true);
    q = b.AddMethod(other, "Q", b.Sig(nullptr, nullptr), true);
  }
};

TEST(LookupTest, FieldsAndMethodsThroughEmbedding) {
  Fixture f;
  const Package* pkg = f.b.pkg();
  LookupResult r = LookupFieldOrMethod(f.outer, false, pkg, "a");
  ASSERT_NE(r.obj, nullptr);
  EXPECT_EQ(r.index, std::vector<int>{0});
  EXPECT_FALSE(r.indirect);
  // Unexported: not visible from another package.
  Builder other_pkg("example.com/q");
  EXPECT_EQ(LookupFieldOrMethod(f.outer, false, other_pkg.pkg(), "a").obj, nullptr);
  // Promoted method M via Inner: path [1, 0].
  r = LookupFieldOrMethod(f.outer, false, pkg, "M");
  EXPECT_EQ(r.obj, f.m);
  EXPECT_EQ(r.index, (std::vector<int>{1, 0}));
  EXPECT_FALSE(r.indirect);
  // Y through *Other: path [2, 1], indirect.
  r = LookupFieldOrMethod(f.outer, false, pkg, "Y");
  ASSERT_NE(r.obj, nullptr);
  EXPECT_EQ(r.index, (std::vector<int>{2, 1}));
  EXPECT_TRUE(r.indirect);
  // X is ambiguous at depth 1.
  r = LookupFieldOrMethod(f.outer, false, pkg, "X");
  EXPECT_EQ(r.obj, nullptr);
  EXPECT_FALSE(r.index.empty());
  // P has a pointer receiver: needs an addressable Outer or *Outer.
  r = LookupFieldOrMethod(f.outer, false, pkg, "P");
  EXPECT_EQ(r.obj, nullptr);
  EXPECT_TRUE(r.index.empty());
  EXPECT_TRUE(r.indirect);
  r = LookupFieldOrMethod(f.outer, true, pkg, "P");
  EXPECT_EQ(r.obj, f.p);
  r = LookupFieldOrMethod(f.b.Ptr(f.outer), false, pkg, "P");
  EXPECT_EQ(r.obj, f.p);
  EXPECT_EQ(r.index, (std::vector<int>{1, 1}));
  EXPECT_TRUE(r.indirect);
  // Q via the embedded *Other is fine on a value.
  r = LookupFieldOrMethod(f.outer, false, pkg, "Q");
  EXPECT_EQ(r.obj, f.q);
  EXPECT_EQ(r.index, (std::vector<int>{2, 0}));
  // Not found; blank never found.
  r = LookupFieldOrMethod(f.outer, false, pkg, "Z");
  EXPECT_EQ(r.obj, nullptr);
  EXPECT_FALSE(r.indirect);
  EXPECT_EQ(LookupFieldOrMethod(f.outer, false, pkg, "_").obj, nullptr);
  // Case-folded lookup finds m for "m".
  EXPECT_EQ(LookupFieldOrMethodFold(f.inner, false, pkg, "m", true).obj, f.m);
}

TEST(LookupTest, ShallowerWinsAndInterfaces) {
  Builder b("example.com/p");
  // type I interface{ N() }; type T struct{ I; N int }: the field N (depth 0) wins.
  Interface* iface = b.Iface({b.IMethod("N", b.Sig(nullptr, nullptr))});
  Named* i = b.NewNamed("I", iface);
  Named* t = b.NewNamed("T", b.StructOf({b.Embed(i), b.Field("N", Int())}));
  LookupResult r = LookupFieldOrMethod(t, false, b.pkg(), "N");
  ASSERT_NE(r.obj, nullptr);
  EXPECT_EQ(r.obj->kind(), ObjectKind::kVar);
  EXPECT_EQ(r.index, std::vector<int>{1});
  // Interface method through the interface itself.
  r = LookupFieldOrMethod(i, false, b.pkg(), "N");
  ASSERT_NE(r.obj, nullptr);
  EXPECT_EQ(r.index, std::vector<int>{0});
  // *I has no methods.
  EXPECT_EQ(LookupFieldOrMethod(b.Ptr(i), false, b.pkg(), "N").obj, nullptr);
}

TEST(MethodSetTest, ValueAndPointer) {
  Fixture f;
  MethodSet inner = NewMethodSet(f.inner);
  ASSERT_EQ(inner.Len(), 1);
  EXPECT_EQ(inner.At(0).obj, f.m);
  MethodSet pinner = NewMethodSet(f.b.Ptr(f.inner));
  ASSERT_EQ(pinner.Len(), 2);
  EXPECT_EQ(pinner.At(0).obj, f.m);
  EXPECT_EQ(pinner.At(1).obj, f.p);
  EXPECT_TRUE(pinner.At(1).indirect);
  MethodSet outer = NewMethodSet(f.outer);
  ASSERT_EQ(outer.Len(), 2);  // M, Q (P needs an addressable Inner)
  EXPECT_EQ(outer.At(0).obj, f.m);
  EXPECT_EQ(outer.At(0).index, (std::vector<int>{1, 0}));
  EXPECT_EQ(outer.At(1).obj, f.q);
  EXPECT_EQ(outer.At(1).index, (std::vector<int>{2, 0}));
  EXPECT_TRUE(outer.At(1).indirect);
  MethodSet pouter = NewMethodSet(f.b.Ptr(f.outer));
  ASSERT_EQ(pouter.Len(), 3);
  EXPECT_NE(pouter.Lookup(f.b.pkg(), "P"), nullptr);
  EXPECT_EQ(pouter.Lookup(f.b.pkg(), "Nope"), nullptr);
  EXPECT_EQ(SelectionString(outer.At(0), RelativeTo(f.b.pkg())), "method (Outer) M()");
  EXPECT_EQ(pouter.String(),
            "MethodSet {\n\tmethod (*example.com/p.Outer) M()\n\tmethod (*example.com/p.Outer) P()\n"
            "\tmethod (*example.com/p.Outer) Q()\n}");
  Selection expr = outer.At(0);
  expr.kind = SelectionKind::kMethodExpr;
  EXPECT_EQ(TypeString(SelectionType(&f.b.arena(), expr), RelativeTo(f.b.pkg())), "func(Outer)");
  EXPECT_EQ(SelectionString(expr, RelativeTo(f.b.pkg())), "method expr (Outer) M(Outer)");
  EXPECT_EQ(NewMethodSet(UniverseError()).Len(), 1);
  EXPECT_EQ(NewMethodSet(f.b.Ptr(UniverseError())).Len(), 0);
}

TEST(LookupTest, MissingMethod) {
  Fixture f;
  Builder& b = f.b;
  Interface* has_m = b.Iface({b.IMethod("M", b.Sig(nullptr, nullptr))});
  Interface* has_p = b.Iface({b.IMethod("P", b.Sig(nullptr, nullptr))});
  Interface* has_m_int = b.Iface({b.IMethod("M", b.Sig(nullptr, b.Types({Int()})))});
  EXPECT_EQ(MissingMethod(f.inner, has_m, true).method, nullptr);
  MissingMethodResult r = MissingMethod(f.inner, has_p, true);
  ASSERT_NE(r.method, nullptr);
  EXPECT_EQ(r.alt, f.p);  // exists with a pointer receiver
  EXPECT_TRUE(r.wrong_type);
  EXPECT_EQ(MissingMethod(b.Ptr(f.inner), has_p, true).method, nullptr);
  r = MissingMethod(f.inner, has_m_int, true);
  ASSERT_NE(r.method, nullptr);
  EXPECT_TRUE(r.wrong_type);
  // Interface to interface: non-static ignores missing methods.
  EXPECT_EQ(MissingMethod(has_m, has_p, false).method, nullptr);
  EXPECT_NE(MissingMethod(has_m, has_p, true).method, nullptr);
  EXPECT_TRUE(HasAllMethods(f.outer, has_m));
}

TEST(LookupTest, Implements) {
  Fixture f;
  Builder& b = f.b;
  auto qf = RelativeTo(b.pkg());
  Interface* has_p = b.Iface({b.IMethod("P", b.Sig(nullptr, nullptr))});
  Named* ip = b.NewNamed("IP", has_p);
  std::string err;
  EXPECT_TRUE(Implements(b.Ptr(f.inner), ip, qf, &err));
  EXPECT_FALSE(Implements(f.inner, ip, qf, &err));
  EXPECT_EQ(err, "Inner does not implement IP (method P has pointer receiver)");
  EXPECT_FALSE(Implements(Int(), ip, qf, &err));
  EXPECT_EQ(err, "int does not implement IP (missing method P)");
  EXPECT_FALSE(Implements(Int(), Int(), qf, &err));
  EXPECT_EQ(err, "int does not implement int (int is not an interface)");
  // Constraints: ~int | string; comparable.
  Named* myint = b.NewNamed("MyInt", Int());
  Interface* c1 = b.Iface({}, {b.arena().New<Union>(std::vector<Term>{{false, Int()}, {false, Typ(BasicKind::kString)}})});
  Named* nc1 = b.NewNamed("C1", c1);
  EXPECT_TRUE(Implements(Int(), nc1, qf, &err));
  EXPECT_FALSE(Implements(myint, nc1, qf, &err));
  EXPECT_EQ(err, "MyInt does not implement C1 (possibly missing ~ for int in constraint C1)");
  EXPECT_FALSE(Implements(Typ(BasicKind::kFloat64), nc1, qf, &err));
  EXPECT_EQ(err, "float64 does not implement C1 (float64 missing in int | string)");
  EXPECT_FALSE(Implements(b.SliceOf(Int()), UniverseComparable(), qf, &err));
  EXPECT_EQ(err, "[]int does not implement comparable");
  EXPECT_TRUE(Implements(myint, UniverseComparable(), qf, &err));
  EXPECT_TRUE(Implements(b.SliceOf(Int()), UniverseAny(), qf, &err));
}

Named* InstantiateNamedForTest(Builder& b, Named* orig, Type* targ) {
  return InstantiateNamed(&b.arena(), GlobalContext(), orig, {targ});
}

TEST(LookupTest, InstanceMethods) {
  Builder b("example.com/p");
  // type Box[T any] struct{ v T }; func (b *Box[T]) Get() T
  Named* box = b.NewNamed("Box", nullptr);
  TypeParam* t = b.NewTypeParam("T", UniverseAny());
  box->SetTypeParams({t});
  box->SetUnderlying(b.StructOf({b.Field("v", t)}));
  TypeParam* rt = b.NewTypeParam("T", UniverseAny());  // the receiver's own type parameter
  rt->set_index(0);
  Named* recv_inst = InstantiateNamedForTest(b, box, rt);
  Signature* sig = b.Sig(nullptr, b.Types({rt}));
  sig->set_recv_type_params({rt});
  sig->set_recv(b.arena().New<Var>(VarKind::kRecv, syntax::Pos{}, b.pkg(), "b", b.Ptr(recv_inst)));
  Func* get = b.arena().New<Func>(syntax::Pos{}, b.pkg(), "Get", sig);
  get->set_has_ptr_recv(true);
  box->AddMethod(get);
  Named* box_int = InstantiateNamedForTest(b, box, Typ(BasicKind::kInt));
  LookupResult r = LookupFieldOrMethod(b.Ptr(box_int), false, b.pkg(), "Get");
  auto* m = DynCast<Func>(r.obj);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->Origin(), get);
  EXPECT_EQ(TypeString(m->type(), testing::PathQualifier), "func() int");
  EXPECT_EQ(TypeString(m->signature()->recv()->type(), testing::PathQualifier),
            "*example.com/p.Box[int]");
  EXPECT_EQ(box_int->Method(0), m);  // cached
}

TEST(LookupTest, InstantiateSignature) {
  Builder b("example.com/p");
  // func Map[T, U any](s []T, f func(T) U) []U
  TypeParam* t = b.NewTypeParam("T", UniverseAny());
  TypeParam* u = b.NewTypeParam("U", UniverseAny());
  Signature* map_ = b.Sig(b.TupleOf({b.Param("s", b.SliceOf(t)), b.Param("f", b.Sig(b.Types({t}), b.Types({u})))}),
                          b.Types({b.SliceOf(u)}));
  map_->set_type_params({t, u});
  EXPECT_EQ(TypeString(map_), "func[T, U any](s []T, f func(T) U) []U");
  Signature* inst = InstantiateSignature(&b.arena(), GlobalContext(), map_, {Int(), Typ(BasicKind::kString)});
  EXPECT_EQ(TypeString(inst), "func(s []int, f func(int) string) []string");
  EXPECT_EQ(inst, InstantiateSignature(&b.arena(), GlobalContext(), map_, {Int(), Typ(BasicKind::kString)}));
  EXPECT_TRUE(map_->type_params().size() == 2);
}

}  // namespace
}  // namespace heapmap::types
