// frontend/types/typestring_test.cc — type strings; expected values printed by go/types (Go 1.19) for the same types.
#include "frontend/types/typestring.h"

#include <gtest/gtest.h>

#include <thread>

#include "frontend/types/context.h"
#include "frontend/types/predicates.h"
#include "frontend/types/typetest_util.h"

namespace heapmap::types {
namespace {

using testing::Builder;
using testing::PathQualifier;
using testing::S;

Type* Int() { return Typ(BasicKind::kInt); }
Type* Str() { return Typ(BasicKind::kString); }

TEST(TypeStringTest, Basics) {
  EXPECT_EQ(S(Int()), "int");
  EXPECT_EQ(S(Typ(BasicKind::kUnsafePointer)), "unsafe.Pointer");
  EXPECT_EQ(S(Typ(BasicKind::kUntypedFloat)), "untyped float");
  EXPECT_EQ(S(Typ(BasicKind::kInvalid)), "invalid type");
  EXPECT_EQ(S(UniverseByte()), "byte");
  EXPECT_EQ(S(UniverseAny()), "any");
  EXPECT_EQ(S(UniverseError()), "error");
  EXPECT_EQ(S(UniverseError()->Underlying()), "interface{Error() string}");
  EXPECT_EQ(S(UniverseComparable()->Underlying()), "interface{comparable}");
}

TEST(TypeStringTest, GoTypesOracle) {
  Builder http("net/http");
  Named* request = http.NewNamed("Request", http.StructOf({}));
  Builder b("example.com/p");
  // A1 = map[string][]*http.Request
  EXPECT_EQ(S(b.MapOf(Str(), b.SliceOf(b.Ptr(request)))), "map[string][]*net/http.Request");
  // A2 = func(x int, y ...string) (int, error)
  Signature* a2 = b.Sig(b.TupleOf({b.Param("x", Int()), b.Param("y", b.SliceOf(Str()))}),
                        b.Types({Int(), UniverseError()}), true);
  EXPECT_EQ(S(a2), "func(x int, y ...string) (int, error)");
  // A3 = struct{a int "tag"; B; *C}
  Named* B = b.NewNamed("B", Int());
  Named* C = b.NewNamed("C", b.StructOf({}));
  Struct* a3 = b.StructOf({b.Field("a", Int()), b.Embed(B), b.Embed(b.Ptr(C))}, {"tag", "", ""});
  EXPECT_EQ(S(a3), "struct{a int \"tag\"; example.com/p.B; *example.com/p.C}");
  EXPECT_EQ(S(B), "example.com/p.B");
  // Tags are quoted as strconv.Quote does (escapes, non-printable runes).
  EXPECT_EQ(S(b.StructOf({b.Field("q", Int())}, {"json:\"q\"\t\u00a0é"})),
            "struct{q int \"json:\\\"q\\\"\\t\\u00a0é\"}");
  EXPECT_EQ(S(B->Underlying()), "int");
  EXPECT_EQ(S(C->Underlying()), "struct{}");
  // I interface{M(); ~int | string}
  Interface* i = b.Iface({b.IMethod("M", b.Sig(nullptr, nullptr))},
                         {b.arena().New<Union>(std::vector<Term>{{true, Int()}, {false, Str()}})});
  EXPECT_EQ(S(i), "interface{M(); ~int|string}");
  // A5, A6: channel parenthesization.
  EXPECT_EQ(S(b.ChanOf(ChanDir::kSendOnly, b.ChanOf(ChanDir::kRecvOnly, Int()))), "chan<- <-chan int");
  EXPECT_EQ(S(b.ChanOf(ChanDir::kSendRecv, b.ChanOf(ChanDir::kRecvOnly, Int()))), "chan (<-chan int)");
  // A7 = func(int, string) (a, b int)
  EXPECT_EQ(S(b.Sig(b.Types({Int(), Str()}), b.TupleOf({b.Param("a", Int()), b.Param("b", Int())}))),
            "func(int, string) (a int, b int)");
  // A8 = [4]interface{}; A9 = interface{ comparable }; A11 = []error
  EXPECT_EQ(S(b.ArrayOf(b.Iface({}), 4)), "[4]interface{}");
  EXPECT_EQ(S(b.Iface({}, {UniverseComparable()})), "interface{comparable}");
  EXPECT_EQ(S(b.SliceOf(UniverseError())), "[]error");
  // A13 = struct{ f func(a, b int, c ...interface{ String() string }) }
  Interface* stringer = b.Iface({b.IMethod("String", b.Sig(nullptr, b.Types({Str()})))});
  Signature* f = b.Sig(b.TupleOf({b.Param("a", Int()), b.Param("b", Int()),
                                  b.Param("c", b.SliceOf(stringer))}),
                       nullptr, true);
  EXPECT_EQ(S(b.StructOf({b.Field("f", f)})),
            "struct{f func(a int, b int, c ...interface{String() string})}");
  // A14 = map[[2]uintptr]complex64
  EXPECT_EQ(S(b.MapOf(b.ArrayOf(Typ(BasicKind::kUintptr), 2), Typ(BasicKind::kComplex64))),
            "map[[2]uintptr]complex64");
  // Relative qualifier drops the own package.
  EXPECT_EQ(TypeString(b.Ptr(B), RelativeTo(b.pkg())), "*B");
  EXPECT_EQ(TypeString(b.Ptr(request), RelativeTo(b.pkg())), "*net/http.Request");
}

TEST(TypeStringTest, GenericsAndInstances) {
  Builder b("example.com/p");
  // type List[T any] struct{ next *List[T]; val T }
  Named* list = b.NewNamed("List", nullptr);
  TypeParam* t = b.NewTypeParam("T", UniverseAny());
  list->SetTypeParams({t});
  Named* list_t = InstantiateNamed(&b.arena(), GlobalContext(), list, {t});
  list->SetUnderlying(b.StructOf({b.Field("next", b.Ptr(list_t)), b.Field("val", t)}));
  EXPECT_EQ(S(list), "example.com/p.List[T any]");
  EXPECT_EQ(S(list->Underlying()), "struct{next *example.com/p.List[T]; val T}");
  EXPECT_EQ(ObjectString(list->obj(), PathQualifier),
            "type example.com/p.List[T any] struct{next *example.com/p.List[T]; val T}");
  // A4 = List[int]: expanded lazily by substitution.
  Named* list_int = InstantiateNamed(&b.arena(), GlobalContext(), list, {Int()});
  EXPECT_EQ(S(list_int), "example.com/p.List[int]");
  EXPECT_EQ(S(list_int->Underlying()), "struct{next *example.com/p.List[int]; val int}");
  // The recursive reference is the canonical instance itself.
  auto* st = DynCast<Struct>(list_int->Underlying());
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(DynCast<Pointer>(st->Field(0)->type())->elem(), list_int);
  EXPECT_EQ(st->Field(1)->Origin(), DynCast<Struct>(list->Underlying())->Field(1));

  // type Pair[K comparable, V any] struct{k K; v V}
  Named* pair = b.NewNamed("Pair", nullptr);
  TypeParam* k = b.NewTypeParam("K", UniverseComparable());
  TypeParam* v = b.NewTypeParam("V", UniverseAny());
  pair->SetTypeParams({k, v});
  pair->SetUnderlying(b.StructOf({b.Field("k", k), b.Field("v", v)}));
  EXPECT_EQ(ObjectString(pair->obj(), PathQualifier),
            "type example.com/p.Pair[K comparable, V any] struct{k K; v V}");
  // A12 = func() func(x []byte) *Pair[string, chan int]
  Named* inst = InstantiateNamed(&b.arena(), GlobalContext(), pair,
                                 {Str(), b.ChanOf(ChanDir::kSendRecv, Int())});
  Signature* inner = b.Sig(b.TupleOf({b.Param("x", b.SliceOf(UniverseByte()))}), b.Types({b.Ptr(inst)}));
  EXPECT_EQ(S(b.Sig(nullptr, b.Types({inner}))),
            "func() func(x []byte) *example.com/p.Pair[string, chan int]");
  // Shared type params print the constraint once.
  TypeParam* x = b.NewTypeParam("X", UniverseAny());
  TypeParam* y = b.NewTypeParam("Y", UniverseAny());
  Signature* g = b.Sig(b.TupleOf({b.Param("a", x), b.Param("b", y)}), nullptr);
  g->set_type_params({x, y});
  EXPECT_EQ(S(g), "func[X, Y any](a X, b Y)");
}

TEST(TypeStringTest, CanonicalInstancesAcrossThreads) {
  Builder lib("example.com/lib");
  Named* list = lib.NewNamed("List", nullptr);
  TypeParam* t = lib.NewTypeParam("T", UniverseAny());
  list->SetTypeParams({t});
  list->SetUnderlying(lib.StructOf({lib.Field("val", t)}));
  lib.pkg()->MarkComplete();
  // Two importers instantiate List[[]int] (structurally equal, distinct type arguments).
  Builder p1("example.com/p1"), p2("example.com/p2");
  Named* r1 = nullptr;
  Named* r2 = nullptr;
  std::thread th1([&] { r1 = InstantiateNamed(&p1.arena(), GlobalContext(), list, {p1.SliceOf(Int())}); });
  std::thread th2([&] { r2 = InstantiateNamed(&p2.arena(), GlobalContext(), list, {p2.SliceOf(Int())}); });
  th1.join();
  th2.join();
  EXPECT_EQ(r1, r2);
  std::string u1, u2;
  std::thread th3([&] { u1 = S(r1->Underlying()); });
  std::thread th4([&] { u2 = S(r2->Underlying()); });
  th3.join();
  th4.join();
  EXPECT_EQ(u1, "struct{val []int}");
  EXPECT_EQ(u2, u1);
  EXPECT_TRUE(Identical(r1, InstantiateNamed(&p1.arena(), nullptr, list, {p1.SliceOf(Int())})));
}

TEST(TypeStringTest, Objects) {
  Builder b("example.com/p");
  Named* tn = b.NewNamed("T", b.StructOf({}));
  Func* m = b.AddMethod(tn, "M", b.Sig(b.TupleOf({b.Param("x", Int())}), b.Types({Int()})), true);
  EXPECT_EQ(ObjectString(m, PathQualifier), "func (*example.com/p.T).M(x int) int");
  EXPECT_EQ(m->FullName(), "(*example.com/p.T).M");
  EXPECT_EQ(ObjectString(tn->obj(), PathQualifier), "type example.com/p.T struct{}");
  EXPECT_EQ(ObjectString(Universe()->Lookup("any")), "type any = interface{}");
  EXPECT_EQ(ObjectString(Universe()->Lookup("true")), "const true untyped bool");
  EXPECT_EQ(ObjectString(Universe()->Lookup("nil")), "nil");
  EXPECT_EQ(ObjectString(Universe()->Lookup("len")), "builtin len");
  EXPECT_EQ(ObjectString(Unsafe()->scope()->Lookup("Pointer")), "type unsafe.Pointer");
}

}  // namespace
}  // namespace heapmap::types
