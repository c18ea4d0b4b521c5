// frontend/types/type_test.cc — universe, scopes, objects, arenas.
#include "frontend/types/type.h"

#include <gtest/gtest.h>

#include <thread>

#include "frontend/types/context.h"
#include "frontend/types/typeset.h"

#include "frontend/types/predicates.h"
#include "frontend/types/typetest_util.h"

namespace heapmap::types {
namespace {

using testing::Builder;

TEST(UniverseTest, Predeclared) {
  Scope* u = Universe();
  for (const char* name : {"bool", "int", "string", "error", "any", "comparable", "byte", "rune",
                           "true", "false", "iota", "nil", "append", "clear", "min", "max", "len"}) {
    EXPECT_NE(u->Lookup(name), nullptr) << name;
  }
  EXPECT_EQ(u->Lookup("Pointer"), nullptr);
  EXPECT_EQ(u->Lookup("assert"), nullptr);
  Scope* us = Unsafe()->scope();
  for (const char* name : {"Pointer", "Add", "Alignof", "Offsetof", "Sizeof", "Slice", "SliceData",
                           "String", "StringData"}) {
    EXPECT_NE(us->Lookup(name), nullptr) << name;
  }
  auto* sizeof_ = DynCast<Builtin>(us->Lookup("Sizeof"));
  ASSERT_NE(sizeof_, nullptr);
  EXPECT_EQ(sizeof_->id(), BuiltinId::kSizeof);
  EXPECT_EQ(sizeof_->pkg(), Unsafe());
  EXPECT_EQ(DynCast<TypeName>(u->Lookup("byte"))->type(), UniverseByte());
  EXPECT_TRUE(DynCast<TypeName>(u->Lookup("byte"))->IsAlias());
  EXPECT_TRUE(DynCast<TypeName>(u->Lookup("any"))->IsAlias());
  EXPECT_FALSE(DynCast<TypeName>(u->Lookup("int"))->IsAlias());
  EXPECT_FALSE(DynCast<TypeName>(u->Lookup("error"))->IsAlias());
  EXPECT_EQ(UniverseIota()->val().kind(), constant::Kind::kInt);
  EXPECT_EQ(DynCast<Const>(u->Lookup("true"))->val().kind(), constant::Kind::kBool);
  EXPECT_EQ(GetBuiltinInfo(BuiltinId::kAppend).name, "append");
  EXPECT_TRUE(GetBuiltinInfo(BuiltinId::kMax).variadic);
  EXPECT_EQ(Typ(BasicKind::kInt)->basic_kind(), BasicKind::kInt);
  EXPECT_EQ(Typ(BasicKind::kInt)->Underlying(), Typ(BasicKind::kInt));
}

TEST(ScopeTest, InsertLookupParent) {
  Builder b("example.com/p");
  Scope* pkg_scope = b.pkg()->scope();
  EXPECT_EQ(pkg_scope->parent(), Universe());
  Scope* file = b.arena().New<Scope>(pkg_scope, syntax::Pos{1, 1}, syntax::Pos{100, 1}, "file");
  Scope* fn = b.arena().New<Scope>(file, syntax::Pos{10, 1}, syntax::Pos{20, 2}, "function");
  EXPECT_EQ(pkg_scope->NumChildren(), 1);
  EXPECT_EQ(file->Child(0), fn);
  auto* x = b.arena().New<Var>(VarKind::kLocal, syntax::Pos{12, 2}, b.pkg(), "x", Typ(BasicKind::kInt));
  x->set_scope_pos(syntax::Pos{12, 8});
  EXPECT_EQ(fn->Insert(x), nullptr);
  EXPECT_EQ(x->parent(), fn);
  auto* x2 = b.arena().New<Var>(VarKind::kLocal, syntax::Pos{13, 2}, b.pkg(), "x", Typ(BasicKind::kInt));
  EXPECT_EQ(fn->Insert(x2), x);  // redeclaration reports the existing object
  // Visible only from its scope position on.
  EXPECT_EQ(fn->LookupParent("x", syntax::Pos{12, 3}).second, nullptr);
  EXPECT_EQ(fn->LookupParent("x", syntax::Pos{12, 8}).second, x);
  EXPECT_EQ(fn->LookupParent("x", syntax::Pos{}).first, fn);
  // Universe objects are found from anywhere.
  auto [s, obj] = fn->LookupParent("int", syntax::Pos{15, 1});
  EXPECT_EQ(s, Universe());
  EXPECT_NE(obj, nullptr);
  EXPECT_EQ(fn->Innermost(syntax::Pos{15, 1}), fn);
  EXPECT_EQ(pkg_scope->Innermost(syntax::Pos{5, 1}), file);
  auto* y = b.arena().New<Var>(VarKind::kLocal, syntax::Pos{}, b.pkg(), "a", Typ(BasicKind::kInt));
  fn->Insert(y);
  ASSERT_EQ(fn->Names().size(), 2u);
  EXPECT_EQ(fn->Names()[0], "a");
}

TEST(ObjectTest, IdsAndOrder) {
  Builder a("example.com/a");
  EXPECT_EQ(Id(a.pkg(), "x"), "example.com/a.x");
  EXPECT_EQ(Id(a.pkg(), "X"), "X");
  EXPECT_EQ(Id(nullptr, "x"), "_.x");
  Var* f1 = a.Field("X", Typ(BasicKind::kInt));
  Var* f2 = a.Field("x", Typ(BasicKind::kInt));
  EXPECT_TRUE(ObjectLess(f1, f2));  // exported first
  EXPECT_TRUE(f2->SameId(a.pkg(), "x"));
  Builder b("example.com/b");
  EXPECT_FALSE(f2->SameId(b.pkg(), "x"));
  EXPECT_TRUE(f1->SameId(b.pkg(), "X"));
  EXPECT_TRUE(Object::IsExported("Äb"));
  EXPECT_FALSE(Object::IsExported("äb"));
  EXPECT_FALSE(Object::IsExported("_X"));
  EXPECT_TRUE(Object::IsExported("Ωmega"));   // U+03A9
  EXPECT_TRUE(Object::IsExported("Ǆx"));      // U+01C4 (Lu)
  EXPECT_FALSE(Object::IsExported("ǅx"));     // U+01C5 (Lt, not upper)
  EXPECT_TRUE(Object::IsExported("𝐀b"));      // U+1D400 MATHEMATICAL BOLD CAPITAL A
  EXPECT_FALSE(Object::IsExported("日本"));
}

TEST(TypeTest, CastsAndUnderlying) {
  Builder a("example.com/a");
  Type* s = a.SliceOf(Typ(BasicKind::kInt));
  EXPECT_NE(DynCast<Slice>(s), nullptr);
  EXPECT_EQ(DynCast<Map>(s), nullptr);
  Named* n = a.NewNamed("S", s);
  EXPECT_EQ(n->Underlying(), s);
  EXPECT_EQ(n->obj()->type(), n);
  // type A B; type B []int: Under follows the chain while B is set up.
  Named* nb = a.NewNamed("B", nullptr);
  Named* na = a.NewNamed("A", nb);
  nb->SetUnderlying(s);
  EXPECT_EQ(Under(na), s);
  TypeParam* p = a.NewTypeParam("P", UniverseAny());
  EXPECT_EQ(p->Underlying(), UniverseAny());
  EXPECT_EQ(p->obj()->type(), p);
  EXPECT_NE(p->id(), a.NewTypeParam("Q", UniverseAny())->id());
}

TEST(TypeTest, InstanceOfTypeBeingDeclared) {
  Builder a("example.com/a");
  Named* box = a.NewNamed("Box", nullptr);
  TypeParam* t = a.NewTypeParam("T", UniverseAny());
  box->SetTypeParams({t});
  Named* bi = InstantiateNamed(&a.arena(), GlobalContext(), box, {Typ(BasicKind::kInt)});
  // Not latched while the origin has no underlying type yet.
  EXPECT_EQ(bi->Underlying(), Typ(BasicKind::kInvalid));
  box->SetUnderlying(a.StructOf({a.Field("v", t)}));
  EXPECT_EQ(testing::S(bi->Underlying()), "struct{v int}");
  EXPECT_EQ(bi->Underlying(), bi->Underlying());
}

TEST(TypeTest, ConcurrentLazyParts) {
  Builder a("example.com/a");
  // type R[T any] interface{ Get() T; Set(T) }, instantiated once and read from 8 threads.
  Named* r = a.NewNamed("R", nullptr);
  TypeParam* t = a.NewTypeParam("T", UniverseAny());
  r->SetTypeParams({t});
  r->SetUnderlying(a.Iface({a.IMethod("Get", a.Sig(nullptr, a.Types({t}))),
                            a.IMethod("Set", a.Sig(a.Types({t}), nullptr))}));
  Named* ri = InstantiateNamed(&a.arena(), GlobalContext(), r, {Typ(BasicKind::kString)});
  Interface* fresh = a.Iface({a.IMethod("Z", a.Sig(nullptr, nullptr)), a.IMethod("A", a.Sig(nullptr, nullptr))});
  a.pkg()->MarkComplete();
  std::vector<std::thread> threads;
  std::vector<const TypeSet*> sets(8);
  std::vector<Type*> unders(8);
  for (int i = 0; i < 8; i++) {
    threads.emplace_back([&, i] {
      sets[i] = fresh->GetTypeSet();
      unders[i] = ri->Underlying();
      (void)DynCast<Interface>(unders[i])->GetTypeSet();
    });
  }
  for (auto& th : threads) th.join();
  for (int i = 1; i < 8; i++) {
    EXPECT_EQ(sets[i], sets[0]);
    EXPECT_EQ(unders[i], unders[0]);
  }
  EXPECT_EQ(fresh->Method(0)->name(), "A");
  EXPECT_EQ(testing::S(ri->Underlying()), "interface{Get() string; Set(string)}");
}

}  // namespace
}  // namespace heapmap::types
