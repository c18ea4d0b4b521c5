// frontend/export/export_test.cc — export data round trips: small packages covering every
// construct, importers checked against imported packages, the whole standard library,
// determinism, malformed input.
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <mutex>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/stack.h"
#include "frontend/export/export.h"
#include "frontend/load/loader.h"
#include "frontend/syntax/parser.h"
#include "frontend/types/checker.h"
#include "frontend/types/context.h"
#include "frontend/types/dump.h"
#include "frontend/types/methodset.h"
#include "frontend/types/object.h"
#include "frontend/types/predicates.h"
#include "frontend/types/scope.h"
#include "frontend/types/typestring.h"
#include "frontend/types/universe.h"
#include "google/protobuf/stubs/logging.h"
#include "gtest/gtest.h"
#include "proto/export.pb.h"

namespace heapmap::exportdata {
namespace {

using types::DynCast;
namespace pb = ::heapmap::exportdata;  // the generated messages (proto/export.proto)

// ---- helpers ----

// A package checked from source.
struct Checked {
  std::vector<syntax::ParsedFile> files;
  std::unique_ptr<types::Package> owned;
  types::Package* pkg = nullptr;
  types::Info info;
  std::vector<std::string> errors;
};

using PackageMap = std::map<std::string, types::Package*>;

std::unique_ptr<Checked> CheckFiles(std::vector<syntax::ParsedFile> files, const std::string& path,
                                    const PackageMap& imports, types::Context* ctxt) {
  auto c = std::make_unique<Checked>();
  c->files = std::move(files);
  // The checker takes the name from the first file.
  c->owned = std::make_unique<types::Package>(path, "");
  c->pkg = c->owned.get();
  std::vector<const syntax::ParsedFile*> fs;
  for (const syntax::ParsedFile& f : c->files) {
    fs.push_back(&f);
    for (const syntax::SyntaxError& e : f.errors) c->errors.push_back(syntax::FormatError(f, e));
  }
  types::CheckConfig config;
  config.context = ctxt;
  config.importer = [&imports](std::string_view p) -> types::Package* {
    if (p == "unsafe") return types::Unsafe();
    auto it = imports.find(std::string(p));
    return it == imports.end() ? nullptr : it->second;
  };
  std::vector<types::TypeError> errors;
  types::CheckPackage(config, c->pkg, fs, &c->info, &errors);
  for (const types::TypeError& e : errors) c->errors.push_back(types::FormatTypeError(fs, e));
  return c;
}

std::unique_ptr<Checked> CheckSource(const std::string& path, const std::string& src,
                                     const PackageMap& imports, types::Context* ctxt) {
  std::vector<syntax::ParsedFile> files;
  files.push_back(syntax::ParseFile(path + "/x.go", src));
  return CheckFiles(std::move(files), path, imports, ctxt);
}

std::string PosText(types::Object* obj) {
  const types::Package* p = obj->pkg();
  std::string file = "-";
  if (p != nullptr && obj->file() >= 0 && static_cast<size_t>(obj->file()) < p->files().size()) {
    file = p->files()[obj->file()];
  }
  return file + ":" + std::to_string(obj->pos().line) + ":" + std::to_string(obj->pos().col);
}

std::string ConstText(const types::constant::Value& v) {
  return v.ExactString() + " rep=" + std::to_string(static_cast<int>(v.rep()));
}

// Everything an importer can see of a package, as text: every package-level object
// (ObjectString, position, constant values and representations), every method of every
// named type, struct fields' and interface methods' positions.
std::string ApiText(types::Package* pkg) {
  std::string out = "package " + pkg->name() + " " + pkg->path() + "\nimports";
  for (types::Package* imp : pkg->imports()) out += " " + imp->path();
  out += "\n";
  auto fields = [&out](types::Type* u) {
    if (auto* s = DynCast<types::Struct>(u)) {
      for (types::Var* f : s->fields()) {
        out += "    field " + f->name() + " " + PosText(f) + (f->embedded() ? " embedded" : "") +
               (f->pkg() ? " pkg=" + f->pkg()->path() : "") + "\n";
      }
    }
    if (auto* i = DynCast<types::Interface>(u)) {
      for (types::Func* m : i->explicit_methods()) {
        out += "    imethod " + types::ObjectString(m) + " " + PosText(m) + "\n";
      }
    }
  };
  for (std::string_view name : pkg->scope()->Names()) {
    types::Object* obj = pkg->scope()->Lookup(name);
    out += types::ObjectString(obj) + " @" + PosText(obj) + "\n";
    out += "  type " + types::TypeString(obj->type()) + "\n";
    if (auto* c = DynCast<types::Const>(obj)) out += "  = " + ConstText(c->val()) + "\n";
    if (auto* f = DynCast<types::Func>(obj)) {
      for (types::Var* v : f->signature()->params() ? f->signature()->params()->vars()
                                                     : std::vector<types::Var*>{}) {
        out += "    param " + v->name() + " " + PosText(v) + "\n";
      }
    }
    auto* tn = DynCast<types::TypeName>(obj);
    if (tn == nullptr || tn->IsAlias()) continue;
    if (auto* n = DynCast<types::Named>(tn->type())) {
      fields(n->Underlying());
      for (types::TypeParam* tp : n->type_params()) {
        out += "  tparam " + types::ObjectString(tp->obj()) + " " + std::to_string(tp->index()) + "\n";
      }
      for (int i = 0; i < n->NumMethods(); i++) {
        types::Func* m = n->Method(i);
        out += "  method " + types::ObjectString(m) + " @" + PosText(m) +
               (m->has_ptr_recv() ? " ptr" : "") + "\n";
      }
      out += "  underlying " + types::TypeString(n->Underlying()) + "\n";
      // The method sets of T and *T, promoted methods of embedded fields included (the
      // lookup an importer does).
      types::Pointer ptr(n);
      out += "  " + types::NewMethodSet(n).String() + "\n  " + types::NewMethodSet(&ptr).String() + "\n";
    }
  }
  return out;
}

// Writes pkg and reads it back with `imports` (path -> imported package).
std::unique_ptr<types::Package> RoundTrip(types::Package* pkg, const PackageMap& imports,
                                          types::Context* ctxt) {
  std::string data = WriteExportData(*pkg);
  auto read = ReadExportData(data, ctxt, [&imports](std::string_view path) -> types::Package* {
    if (path == "unsafe") return types::Unsafe();
    auto it = imports.find(std::string(path));
    return it == imports.end() ? nullptr : it->second;
  });
  EXPECT_TRUE(read.ok()) << read.status();
  if (!read.ok()) return nullptr;
  return std::move(*read);
}

// ---- small packages ----

constexpr char kQ[] = R"(package q

type Q struct {
	x int
	Y string
}

type List[T any] struct {
	next *List[T]
	val  T
}

func (l *List[T]) Push(v T) *List[T] { return &List[T]{l, v} }
func (l List[T]) Val() T            { return l.val }

type I interface {
	M() int
	m()
}

func New() struct{ a, B int } { return struct{ a, B int }{} }
)";

constexpr char kP[] = R"(package p

import (
	"q"
	"unsafe"
)

const (
	A         = 1 << 100
	B         = 1.0 / 3
	C         = 1e-2000
	D float64 = 2.5
	E         = 'x'
	F         = "hello\n\x00"
	G         = 3 + 4i
	H         = true
	Huge      = 1e2000 / 1e1999
	Frac      = 1e-1000
	small int8 = -5
	I0        = iota
	Big       = -(1<<200 + 1)
	Cx        = 1.5i
	Fr        = 7.0 / 2
	Two       = 4.0 / 2
	Mixed     = complex(B, Huge)
	Sz        = unsafe.Sizeof(S{})
	Typed     MyInt = 7
	Long      = "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
	Neg       = -0.1e-300
	BadUTF8   = "\xff\xfe"
)

type MyInt int

type (
	Empty struct{}
	S     struct {
		A int `json:"a"`
		b, c string
		*Empty
		q.Q
		F func(int, ...string) (bool, error)
	}
	Node struct {
		Left, Right *Node
		Val         any
		Raw         interface{}
	}
	A1   = S
	A2   = []*S
	Bt   = byte
	Rn   = rune
	Bts  []byte
	M    map[string][]chan<- int
	R    <-chan struct{ x, y float32 }
	Ch   chan int
	Arr  [4][2]uint16
	Err  error
	Up   unsafe.Pointer
	Iface interface {
		S() *S
		q.I
		error
		private(x int) (y int)
	}
	Number interface {
		~int | ~int64 | float64
	}
	Pair[K comparable, V any] struct {
		K K
		V V
	}
	Tree[T interface{ Less(T) bool }] struct {
		left, right *Tree[T]
		val         T
	}
	Mutual1 struct{ m *Mutual2 }
	Mutual2 struct{ m []Mutual1 }
	// Other is written first and shares Self's underlying struct, which refers to Self.
	Self  struct{ p *Self }
	Other Self
	Inst    = q.List[int]
	Ptr     *Ptr
	FnT     func(FnT) FnT
	unexported int
	Anon    = struct{ X, y int }
	BadTag  struct {
		x int "\xff"
	}
	Constr[T ~[]E, E any] interface{ ~[]E; Len() int }
	Cmp[T comparable] []T
)

func (s S) Value() int       { return 0 }
func (s *S) Pointer(x ...int) {}
func (s *S) private()         {}

func (p *Pair[K, V]) Key() K       { return p.K }
func (p Pair[K, V]) Swap() Pair[K, V] { return p }
func (t *Tree[T]) Insert(v T) *Tree[T] { return t }
func (n unexported) String() string   { return "" }
func (m *Mutual1) Other() *Mutual2     { return m.m }

var (
	V1     int
	V2     = S{}
	V3, V4 = 1, "s"
	V5     q.List[string]
	V6     = &q.Q{}
	V7     [len("abc")]int
	V8     = q.List[Pair[string, int]]{}
	V9     struct {
		q.I
		x int
	}
	V10 func(...interface{})
	V11 = q.New()
	V12 = func() (int, error) { return 0, nil }
	V13 Pair[Tree[MyT], *Node]
	V14 = q.List[interface{ M() }]{}
	V15 = q.List[struct{ n *Node }]{}
)

type MyT struct{}

func (MyT) Less(MyT) bool { return false }

func F1(a, b int, c ...string) (x int, err error) { return }
func F2[T any, PT interface {
	*T
	M()
}](x T) PT {
	return nil
}
func F3[S ~[]E, E Number](s S) E { var z E; return z }
func F4() (func() int, chan<- *S) { return nil, nil }
func F5[T any](x ...T) []T { return x }
func init()                      {}
func unexportedFunc() q.I        { return nil }
)";

struct SmallWorld {
  types::Context src_ctxt, imp_ctxt;
  std::unique_ptr<Checked> q, p;
  std::unique_ptr<types::Package> q_imp, p_imp;
};

std::unique_ptr<SmallWorld> BuildSmallWorld() {
  auto w = std::make_unique<SmallWorld>();
  w->q = CheckSource("q", kQ, {}, &w->src_ctxt);
  w->p = CheckSource("p", kP, {{"q", w->q->pkg}}, &w->src_ctxt);
  w->q_imp = RoundTrip(w->q->pkg, {}, &w->imp_ctxt);
  if (w->q_imp) w->p_imp = RoundTrip(w->p->pkg, {{"q", w->q_imp.get()}}, &w->imp_ctxt);
  return w;
}

TEST(ExportTest, SmallPackagesRoundTrip) {
  auto w = BuildSmallWorld();
  ASSERT_TRUE(w->q->errors.empty()) << w->q->errors[0];
  ASSERT_TRUE(w->p->errors.empty()) << w->p->errors[0];
  ASSERT_NE(w->q_imp, nullptr);
  ASSERT_NE(w->p_imp, nullptr);
  EXPECT_EQ(ApiText(w->q->pkg), ApiText(w->q_imp.get()));
  EXPECT_EQ(ApiText(w->p->pkg), ApiText(w->p_imp.get()));
  EXPECT_TRUE(w->p_imp->complete());
  // Spot checks, so that a text that is wrong on both sides still fails.
  std::string api = ApiText(w->p_imp.get());
  EXPECT_NE(api.find("  = 1267650600228229401496703205376 rep=4\n"), std::string::npos) << api;
  EXPECT_NE(api.find("= 1/3 rep=5"), std::string::npos);
  EXPECT_EQ(types::TypeString(w->p_imp->scope()->Lookup("Bt")->type()), "byte");
  EXPECT_NE(api.find("\tmethod (*p.S) Pointer(x ...int)\n"), std::string::npos) << api;
  EXPECT_EQ(types::TypeString(w->p_imp->scope()->Lookup("BadTag")->type()->Underlying()), "struct{x int \"\\xff\"}");
  EXPECT_NE(api.find("func p.F3[S ~[]E, E p.Number](s S) E"), std::string::npos);
  EXPECT_NE(api.find("method func (*p.Pair[K, V]).Key() K"), std::string::npos) << api;
  EXPECT_NE(api.find("method func (p.unexported).String() string"), std::string::npos);
  EXPECT_NE(api.find("= q.List[int] @p/x.go:"), std::string::npos);
  // Without a context the package's own is used.
  auto own = ReadExportData(WriteExportData(*w->p->pkg), nullptr, [&](std::string_view path) {
    return path == "q" ? w->q_imp.get() : path == "unsafe" ? types::Unsafe() : nullptr;
  });
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(ApiText(w->p->pkg), ApiText(own->get()));
  // Re-exporting the imported package gives the same bytes: nothing was lost.
  EXPECT_EQ(WriteExportData(*w->q->pkg), WriteExportData(*w->q_imp));
  EXPECT_EQ(WriteExportData(*w->p->pkg), WriteExportData(*w->p_imp));
}

TEST(ExportTest, ConstantsKeepTheirRepresentation) {
  auto w = BuildSmallWorld();
  ASSERT_NE(w->p_imp, nullptr);
  for (std::string_view name : w->p->pkg->scope()->Names()) {
    auto* c = DynCast<types::Const>(w->p->pkg->scope()->Lookup(name));
    if (c == nullptr) continue;
    auto* ic = DynCast<types::Const>(w->p_imp->scope()->Lookup(name));
    ASSERT_NE(ic, nullptr) << name;
    EXPECT_EQ(c->val().ExactString(), ic->val().ExactString()) << name;
    EXPECT_EQ(c->val().String(), ic->val().String()) << name;
    EXPECT_EQ(c->val().rep(), ic->val().rep()) << name;
    EXPECT_TRUE(types::constant::Compare(c->val(), types::constant::Op::kEql, ic->val()) ||
                c->val().kind() == types::constant::Kind::kUnknown)
        << name;
  }
  // The representations the test means to cover are there.
  auto rep = [&](const char* name) {
    return static_cast<types::Const*>(w->p->pkg->scope()->Lookup(name))->val().rep();
  };
  using Rep = types::constant::Value::Rep;
  EXPECT_EQ(rep("A"), Rep::kBigInt);
  EXPECT_EQ(rep("B"), Rep::kRat);
  EXPECT_EQ(rep("C"), Rep::kFloat);
  EXPECT_EQ(rep("Huge"), Rep::kFloat);
  EXPECT_EQ(rep("G"), Rep::kComplex);
  EXPECT_EQ(rep("Two"), Rep::kRat);
}

constexpr char kR[] = R"(package r

import (
	"p"
	"q"
)

type myT struct{ n int }

func (myT) Less(myT) bool { return true }

type E struct {
	p.S
	*p.Node
}

type impl struct{}

func (impl) M()           {}
func (*impl) Error() string { return "" }

func Use() int {
	var s p.S
	s.Pointer(1, 2)
	x := s.Value() + s.A + int(p.A>>98) + len(s.Y)
	var l q.List[int]
	l.Push(3).Push(4)
	var pr p.Pair[string, int]
	_ = pr.Key()
	_ = pr.Swap().V
	t := (&p.Tree[myT]{}).Insert(myT{})
	_ = t
	_ = p.F3([]int{1})
	_ = p.F5(1, 2, 3)
	var i p.Iface
	if i != nil {
		_ = i.S().A
		_ = i.Error()
		_ = i.M()
	}
	var e E
	_ = e.Value()
	_ = e.Left
	var b p.Bts = []byte("x")
	_ = b
	c := p.V8.Push(p.Pair[string, int]{"a", 1})
	_ = c.Val().K
	_ = p.V11.B
	_ = p.V13.K.Insert
	var f func(p.FnT) p.FnT = p.FnT(nil)
	_ = f
	var m p.M = map[string][]chan<- int{}
	_ = m
	_ = p.Big + p.G + p.Huge + p.Mixed
	var err error = &impl{}
	_ = err
	var ins p.Inst
	_ = ins.Val()
	var pt *p.Ptr
	_ = *pt
	var cmp p.Cmp[string]
	_ = cmp
	y, _ := p.V12()
	return x + y + int(p.Sz)
}

var _ = p.F2[myT, *myT]
func (*myT) M() {}
)";

std::string DumpAll(const Checked& c) {
  std::vector<const syntax::ParsedFile*> fs;
  for (const syntax::ParsedFile& f : c.files) fs.push_back(&f);
  auto rel = [](const std::string& p) { return p; };
  std::string out;
  types::DumpTypes(c.info, fs, rel, &out);
  types::DumpObjects(c.info, c.pkg, fs, rel, &out);
  return out;
}

TEST(ExportTest, ImporterSeesTheSameTypes) {
  auto w = BuildSmallWorld();
  ASSERT_NE(w->p_imp, nullptr);
  auto from_source = CheckSource("r", kR, {{"p", w->p->pkg}, {"q", w->q->pkg}}, &w->src_ctxt);
  auto from_export =
      CheckSource("r", kR, {{"p", w->p_imp.get()}, {"q", w->q_imp.get()}}, &w->imp_ctxt);
  EXPECT_TRUE(from_source->errors.empty()) << from_source->errors[0];
  EXPECT_EQ(from_source->errors, from_export->errors);
  std::string a = DumpAll(*from_source), b = DumpAll(*from_export);
  EXPECT_GT(a.size(), 1000u);
  EXPECT_EQ(a, b);
  // The imported objects are printed with their declaring file.
  EXPECT_NE(b.find("p/x.go:"), std::string::npos);
}

TEST(ExportTest, Deterministic) {
  auto w = BuildSmallWorld();
  std::string first = WriteExportData(*w->p->pkg);
  EXPECT_EQ(first, WriteExportData(*w->p->pkg));
  // Checked again (new objects, new addresses, another context), on another thread.
  std::string other;
  std::thread t([&] {
    types::Context ctxt;
    auto q = CheckSource("q", kQ, {}, &ctxt);
    auto p = CheckSource("p", kP, {{"q", q->pkg}}, &ctxt);
    other = WriteExportData(*p->pkg);
  });
  t.join();
  EXPECT_EQ(first, other);
}

// ---- malformed input ----

types::Package* NoPackages(std::string_view) { return nullptr; }

// $HEAPMAP_EXPORT_MUTATION_FACTOR multiplies the mutation tests' rounds (for longer runs
// by hand, e.g. under ASan).
int MutationRounds(int rounds) {
  if (const char* f = std::getenv("HEAPMAP_EXPORT_MUTATION_FACTOR"); f != nullptr && std::atoi(f) > 0) {
    rounds *= std::atoi(f);
  }
  return rounds;
}

// Reads mutated export data: one context for 100 reads, and the packages read kept as long
// as it: a failed read must leave nothing in it (under ASan, a later lookup would touch
// freed memory). What was read must be usable: it is printed, and every interface's and
// named type parameter's type set is computed.
class MutantReader {
 public:
  // The package read (owned here), or null on an error.
  types::Package* Read(const std::string& bytes, const PackageLookup& lookup, int round) {
    if (round % 100 == 0) {
      kept_.clear();
      ctxt_ = std::make_unique<types::Context>();
    }
    auto r = ReadExportData(bytes, ctxt_.get(), lookup);
    if (!r.ok()) return nullptr;
    types::Package* read = r->get();
    kept_.push_back(std::move(*r));
    ApiText(read);
    for (std::string_view name : read->scope()->Names()) {
      types::Object* obj = read->scope()->Lookup(name);
      types::Type* u = types::Under(obj->type());
      if (auto* iface = DynCast<types::Interface>(u)) iface->NumMethods();
      if (auto* tn = DynCast<types::TypeName>(obj)) {
        if (auto* named = DynCast<types::Named>(tn->type())) {
          for (types::TypeParam* tp : named->type_params()) tp->Iface()->NumMethods();
        }
      }
    }
    return read;
  }

 private:
  std::unique_ptr<types::Context> ctxt_;
  std::vector<std::unique_ptr<types::Package>> kept_;  // destroyed before ctxt_
};

// Reads `rounds` random mutations of `good` (changed bytes, flipped bits, truncations):
// each must give an error or a package that can be printed, never a crash or a hang.
// Returns the number of errors.
int ReadMutations(const std::string& good, const PackageLookup& lookup, int rounds, uint32_t seed) {
  rounds = MutationRounds(rounds);
  google::protobuf::LogSilencer quiet;  // invalid UTF-8 in string fields is logged
  std::mt19937 rng(seed);
  int errors = 0;
  MutantReader reader;
  for (int i = 0; i < rounds; i++) {
    std::string bad = good;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !bad.empty(); e++) {
      size_t at = rng() % bad.size();
      switch (rng() % 3) {
        case 0: bad[at] = static_cast<char>(rng()); break;
        case 1: bad.resize(at); break;
        case 2: bad[at] ^= static_cast<char>(1 << (rng() % 8)); break;
      }
    }
    if (reader.Read(bad, lookup, i) == nullptr) errors++;
  }
  return errors;
}

// Every scalar field (uint32, int32, int64, bool, enum) in the message tree, for
// mutations that keep the bytes parseable and hit the reader's semantic checks.
struct ScalarField {
  google::protobuf::Message* msg;
  const google::protobuf::FieldDescriptor* field;
  int index;  // -1 for a singular field
};

void CollectScalars(google::protobuf::Message* msg, std::vector<ScalarField>* out) {
  using FD = google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* refl = msg->GetReflection();
  std::vector<const FD*> fields;
  refl->ListFields(*msg, &fields);
  for (const FD* f : fields) {
    if (f->cpp_type() == FD::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int i = 0; i < refl->FieldSize(*msg, f); i++) {
          CollectScalars(refl->MutableRepeatedMessage(msg, f, i), out);
        }
      } else {
        CollectScalars(refl->MutableMessage(msg, f), out);
      }
    } else if (f->cpp_type() != FD::CPPTYPE_STRING) {
      if (f->is_repeated()) {
        for (int i = 0; i < refl->FieldSize(*msg, f); i++) out->push_back({msg, f, i});
      } else {
        out->push_back({msg, f, -1});
      }
    }
  }
}

// Sets a random scalar field to a small random value (an index near the table's size, a
// flipped bool, another enum value); returns the number of errors over `rounds` reads.
// `use`, if set, is called with every package that reads without error.
int ReadStructuralMutations(const std::string& good, const PackageLookup& lookup, int rounds,
                            uint32_t seed,
                            const std::function<void(types::Package*)>& use = nullptr) {
  using FD = google::protobuf::FieldDescriptor;
  rounds = MutationRounds(rounds);
  std::mt19937 rng(seed);
  int errors = 0;
  MutantReader reader;
  for (int i = 0; i < rounds; i++) {
    pb::Package m;
    EXPECT_TRUE(m.ParseFromString(good));
    const uint32_t n = static_cast<uint32_t>(m.types_size());
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; e++) {
      std::vector<ScalarField> fields;
      CollectScalars(&m, &fields);
      if (fields.empty()) break;
      ScalarField sf = fields[rng() % fields.size()];
      const google::protobuf::Reflection* refl = sf.msg->GetReflection();
      uint32_t v = rng() % 3 == 0 ? static_cast<uint32_t>(rng() % (n + 2)) : static_cast<uint32_t>(rng() % 8);
      switch (sf.field->cpp_type()) {
        case FD::CPPTYPE_UINT32:
          sf.index < 0 ? refl->SetUInt32(sf.msg, sf.field, v) : refl->SetRepeatedUInt32(sf.msg, sf.field, sf.index, v);
          break;
        case FD::CPPTYPE_INT32:
          sf.index < 0 ? refl->SetInt32(sf.msg, sf.field, static_cast<int32_t>(v) - 2)
                       : refl->SetRepeatedInt32(sf.msg, sf.field, sf.index, static_cast<int32_t>(v) - 2);
          break;
        case FD::CPPTYPE_INT64:
          if (sf.index < 0) refl->SetInt64(sf.msg, sf.field, static_cast<int64_t>(v) - 2);
          break;
        case FD::CPPTYPE_BOOL:
          if (sf.index < 0) refl->SetBool(sf.msg, sf.field, !refl->GetBool(*sf.msg, sf.field));
          break;
        case FD::CPPTYPE_ENUM:
          if (sf.index < 0) refl->SetEnumValue(sf.msg, sf.field, static_cast<int>(v % 9));
          break;
        default:
          break;
      }
    }
    types::Package* read = reader.Read(m.SerializeAsString(), lookup, i);
    if (read == nullptr) {
      errors++;
      continue;
    }
    if (use) use(read);
  }
  return errors;
}

TEST(ExportTest, MalformedInputIsAnError) {
  auto w = BuildSmallWorld();
  std::string good = WriteExportData(*w->p->pkg);
  PackageMap imports = {{"q", w->q_imp.get()}};
  auto lookup = [&imports](std::string_view path) -> types::Package* {
    if (path == "unsafe") return types::Unsafe();
    auto it = imports.find(std::string(path));
    return it == imports.end() ? nullptr : it->second;
  };
  // Missing import.
  EXPECT_FALSE(ReadExportData(good, nullptr, NoPackages).ok());
  EXPECT_FALSE(ReadExportData("\xff\xff\xff", nullptr, lookup).ok());
  EXPECT_GT(ReadMutations(good, lookup, 3000, 1), 100);
  EXPECT_GT(ReadStructuralMutations(good, lookup, 1000, 2), 100);
  // Whatever reads without error can be imported: an importer is checked against it
  // (errors allowed, crashes not).
  EXPECT_GT(ReadStructuralMutations(good, lookup, 300, 3, [&](types::Package* p) {
              // A context per check: it must not outlive the packages of its instances.
              types::Context ctxt;
              CheckSource("r", kR, {{"p", p}, {"q", w->q_imp.get()}}, &ctxt);
            }),
            30);

  // Hand-made structural errors.
  pb::Package base;
  ASSERT_TRUE(base.ParseFromString(WriteExportData(*w->q->pkg)));
  auto read = [&](const pb::Package& m) {
    types::Context ctxt;
    return ReadExportData(m.SerializeAsString(), &ctxt, lookup).status();
  };
  ASSERT_TRUE(read(base).ok()) << read(base);
  {
    // A struct that refers to itself (not through a named type).
    pb::Package m = base;
    pb::Type* t = m.add_types();
    t->mutable_struct_()->add_fields()->set_type(static_cast<uint32_t>(m.types_size() - 1));
    EXPECT_FALSE(read(m).ok());
  }
  {
    // A named type whose underlying type is itself, or that contains itself.
    pb::Package m = base;
    uint32_t n = static_cast<uint32_t>(m.types_size());
    pb::Named* named = m.add_types()->mutable_named();
    named->set_name("Loop");
    named->set_underlying(n);
    EXPECT_FALSE(read(m).ok());
    m.mutable_types(static_cast<int>(n))->mutable_named()->set_underlying(n + 1);
    m.add_types()->mutable_struct_()->add_fields()->set_type(n);
    EXPECT_FALSE(read(m).ok()) << "struct containing itself";
    m.mutable_types(static_cast<int>(n + 1))->mutable_array()->set_elem(n);
    EXPECT_FALSE(read(m).ok()) << "array containing itself";
    m.mutable_types(static_cast<int>(n + 1))->mutable_interface()->add_embeddeds(n);
    EXPECT_FALSE(read(m).ok()) << "interface embedding itself";
    m.mutable_types(static_cast<int>(n + 1))->set_pointer(n);
    EXPECT_TRUE(read(m).ok()) << read(m);
  }
  {
    pb::Package m = base;
    m.add_types()->set_basic(1000);
    EXPECT_FALSE(read(m).ok());
    m.mutable_types(m.types_size() - 1)->set_pointer(1u << 30);
    EXPECT_FALSE(read(m).ok());
    m.mutable_types(m.types_size() - 1)->mutable_union_();
    EXPECT_FALSE(read(m).ok()) << "empty union";
    m.mutable_types(m.types_size() - 1)->mutable_chan()->set_dir(static_cast<pb::ChanDir>(7));
    EXPECT_FALSE(read(m).ok());
  }
  {
    pb::Package m = base;
    pb::Object* o = m.add_objects();
    o->set_name("Z");
    o->set_kind(pb::OBJECT_CONST);
    o->mutable_value()->set_float_value("0x.zzp+1");
    EXPECT_FALSE(read(m).ok());
    o->mutable_value()->set_int_value("12a");
    EXPECT_FALSE(read(m).ok());
    o->mutable_value()->mutable_rat_value()->set_num("1");
    o->mutable_value()->mutable_rat_value()->set_den("0");
    EXPECT_FALSE(read(m).ok());
    o->mutable_value()->set_float_value("-0x.8p+1");
    EXPECT_TRUE(read(m).ok()) << read(m);
    // Extreme but well-formed literals: an error or a value, quickly.
    for (const char* lit : {"0x.8p+9999999999", "0x.8p-9999999999", "0x.ffffffffp+2147483647",
                            "0x.8p-2147483648", "-0", "0x.p+1", "0x.8p", "0x.8p+"}) {
      o->mutable_value()->set_float_value(lit);
      (void)read(m);
    }
    o->mutable_value()->set_int_value(std::string(50000, '9'));
    (void)read(m);
    o->mutable_value()->mutable_rat_value()->set_num(std::string(50000, '7'));
    o->mutable_value()->mutable_rat_value()->set_den(std::string(50000, '3'));
    (void)read(m);
    o->mutable_value()->mutable_complex_value()->mutable_re()->mutable_complex_value();
    EXPECT_FALSE(read(m).ok()) << "nested complex";
    o->mutable_value()->set_float_value("-0x.8p+1");
    o->set_name(m.objects(0).name());
    EXPECT_FALSE(read(m).ok()) << "declared twice";
  }
  {
    pb::Package m = base;
    m.add_package_refs("nowhere");
    EXPECT_FALSE(read(m).ok());
    m = base;
    m.set_num_own_files(100);
    EXPECT_FALSE(read(m).ok());
  }
}

// ---- the standard library ----

bool IsDir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr char kGoroot[] = "/usr/lib/go-1.19";

struct StdWorld {
  load::LoadResult loaded;
  std::vector<std::vector<size_t>> imports;
  types::Context src_ctxt, imp_ctxt;
  std::vector<std::unique_ptr<Checked>> src;           // by load index (null: unsafe, errors)
  std::vector<std::string> data;                       // export data
  std::vector<std::unique_ptr<types::Package>> imp;    // read back
  std::vector<types::Package*> src_pkg, imp_pkg;
  double check_seconds = 0, write_seconds = 0, read_seconds = 0;
  size_t bytes = 0;
};

// The import map of load package i: written paths and resolved ones, vendoring included
// (as driver/typecheck_pipeline.cc resolves them).
PackageMap ImportsOf(const StdWorld& w, size_t i, const std::vector<types::Package*>& pkgs) {
  PackageMap m;
  for (size_t j : w.imports[i]) {
    const std::string& resolved = w.loaded.packages[j].import_path;
    m[resolved] = pkgs[j];
    if (size_t v = resolved.rfind("/vendor/"); v != std::string::npos) {
      m.try_emplace(resolved.substr(v + 8), pkgs[j]);
    } else if (resolved.rfind("vendor/", 0) == 0) {
      m.try_emplace(resolved.substr(7), pkgs[j]);
    }
  }
  for (const auto& [written, resolved] : w.loaded.packages[i].import_map) {
    if (auto it = m.find(resolved); it != m.end()) m.try_emplace(written, it->second);
  }
  return m;
}

std::vector<syntax::ParsedFile> ParsePackage(const load::Package& p) {
  std::vector<syntax::ParsedFile> files;
  for (const std::string& f : p.go_files) {
    std::string path = p.dir + "/" + f;
    files.push_back(syntax::ParseFile(path, ReadWholeFile(path)));
  }
  return files;
}

std::unique_ptr<StdWorld> BuildStdWorld(const load::BuildContext& ctx,
                                        const std::vector<std::string>& patterns) {
  auto w = std::make_unique<StdWorld>();
  w->loaded = load::Load(ctx, patterns, /*with_deps=*/true);
  w->imports = load::ImportIndices(w->loaded);
  const size_t n = w->loaded.packages.size();
  w->src.resize(n);
  w->data.resize(n);
  w->imp.resize(n);
  w->src_pkg.assign(n, nullptr);
  w->imp_pkg.assign(n, nullptr);
  // All paths -> imported package, for references to indirect imports.
  auto lookup_all = std::make_shared<std::map<std::string, types::Package*>>();
  for (size_t i = 0; i < n; i++) {
    const load::Package& lp = w->loaded.packages[i];
    if (lp.import_path == "unsafe") {
      w->src_pkg[i] = w->imp_pkg[i] = types::Unsafe();
      (*lookup_all)["unsafe"] = types::Unsafe();
      continue;
    }
    if (lp.error) continue;
    std::vector<syntax::ParsedFile> files = ParsePackage(lp);
    auto tc = std::chrono::steady_clock::now();
    w->src[i] = CheckFiles(std::move(files), lp.import_path, ImportsOf(*w, i, w->src_pkg), &w->src_ctxt);
    w->src_pkg[i] = w->src[i]->pkg;
    auto t0 = std::chrono::steady_clock::now();
    w->check_seconds += std::chrono::duration<double>(t0 - tc).count();
    w->data[i] = WriteExportData(*w->src_pkg[i]);
    auto t1 = std::chrono::steady_clock::now();
    w->bytes += w->data[i].size();
    auto read = ReadExportData(w->data[i], &w->imp_ctxt, [&](std::string_view path) -> types::Package* {
      auto it = lookup_all->find(std::string(path));
      return it == lookup_all->end() ? nullptr : it->second;
    });
    auto t2 = std::chrono::steady_clock::now();
    w->write_seconds += std::chrono::duration<double>(t1 - t0).count();
    w->read_seconds += std::chrono::duration<double>(t2 - t1).count();
    EXPECT_TRUE(read.ok()) << lp.import_path << ": " << read.status();
    if (!read.ok()) continue;
    w->imp[i] = std::move(*read);
    w->imp_pkg[i] = w->imp[i].get();
    (*lookup_all)[lp.import_path] = w->imp_pkg[i];
  }
  return w;
}

// Runs run(i) for every package of w on `threads` threads, each once all its imports have
// run (as the driver's pipeline schedules packages).
void RunInDependencyOrder(const StdWorld& w, int threads, const std::function<void(size_t)>& run) {
  const size_t n = w.loaded.packages.size();
  std::vector<int> pending(n);
  std::vector<std::vector<size_t>> importers(n);
  std::vector<size_t> ready;
  for (size_t i = 0; i < n; i++) {
    pending[i] = static_cast<int>(w.imports[i].size());
    for (size_t j : w.imports[i]) importers[j].push_back(i);
    if (pending[i] == 0) ready.push_back(i);
  }
  std::mutex mu;
  std::condition_variable cv;
  size_t done = 0;
  auto worker = [&] {
    std::unique_lock<std::mutex> lock(mu);
    while (true) {
      cv.wait(lock, [&] { return !ready.empty() || done == n; });
      if (done == n) return;
      size_t i = ready.back();
      ready.pop_back();
      lock.unlock();
      run(i);
      lock.lock();
      done++;
      for (size_t k : importers[i]) {
        if (--pending[k] == 0) ready.push_back(k);
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; t++) {
    pool.emplace_back([&] {
      base::RunOnLargeStack(base::kThreadStackBytes, [&] {
        worker();
        return 0;
      });
    });
  }
  for (std::thread& t : pool) t.join();
}

// Checks every package of w again on `threads` threads with a context of its own, and
// returns each package's export data.
std::vector<std::string> CheckStdInParallel(const StdWorld& w, int threads) {
  const size_t n = w.loaded.packages.size();
  types::Context ctxt;
  std::vector<std::unique_ptr<Checked>> checked(n);
  std::vector<types::Package*> pkgs(n, nullptr);  // written before importers run
  std::vector<std::string> data(n);
  RunInDependencyOrder(w, threads, [&](size_t i) {
    const load::Package& lp = w.loaded.packages[i];
    if (lp.import_path == "unsafe") {
      pkgs[i] = types::Unsafe();
    } else if (!lp.error) {
      checked[i] = CheckFiles(ParsePackage(lp), lp.import_path, ImportsOf(w, i, pkgs), &ctxt);
      data[i] = WriteExportData(*checked[i]->pkg);
      checked[i]->files.clear();
      pkgs[i] = checked[i]->pkg;
    }
  });
  return data;
}

// Reads every package's export data again on `threads` threads, sharing one context, each
// package's imports served by those read here; returns each package's API text.
std::vector<std::string> ReadStdInParallel(const StdWorld& w, int threads) {
  const size_t n = w.loaded.packages.size();
  types::Context ctxt;
  std::vector<std::unique_ptr<types::Package>> read(n);
  std::map<std::string, types::Package*> by_path = {{"unsafe", types::Unsafe()}};
  std::mutex by_path_mu;
  std::vector<std::string> api(n);
  RunInDependencyOrder(w, threads, [&](size_t i) {
    if (w.data[i].empty()) return;
    auto r = ReadExportData(w.data[i], &ctxt, [&](std::string_view path) -> types::Package* {
      std::lock_guard<std::mutex> lock(by_path_mu);
      auto it = by_path.find(std::string(path));
      return it == by_path.end() ? nullptr : it->second;
    });
    if (!r.ok()) return;
    api[i] = ApiText(r->get());
    std::lock_guard<std::mutex> lock(by_path_mu);
    by_path[w.loaded.packages[i].import_path] = r->get();
    read[i] = std::move(*r);
  });
  return api;
}

// The checks of the std test over any set of packages (ExportStdTest, ExportCorpusTest).
void CheckWorld(StdWorld* w, bool std_only_checks);

TEST(ExportStdTest, EveryPackageRoundTripsAndImportersAgree) {
  if (!IsDir(std::string(kGoroot) + "/src")) GTEST_SKIP() << kGoroot << " is missing";
  load::BuildContext ctx;
  ctx.goroot = kGoroot;
  ctx.work_dir = std::string(kGoroot) + "/src";
  // On heapmap's thread stack, as the driver checks: time/tzdata's 5000-line string sum is
  // too deep for an 8 MiB stack in sanitizer builds.
  base::RunOnLargeStack(base::kThreadStackBytes, [&] {
    auto w = BuildStdWorld(ctx, {"std"});
    CheckWorld(w.get(), true);
    return 0;
  });
}

// By hand, over a GOPATH corpus: HEAPMAP_EXPORT_CORPUS=GOPATH and
// HEAPMAP_EXPORT_CORPUS_PKGS=a file of import paths (tests/oracle/corpus-a.pkgs).
TEST(ExportCorpusTest, EveryPackageRoundTripsAndImportersAgree) {
  const char* gopath = std::getenv("HEAPMAP_EXPORT_CORPUS");
  const char* list = std::getenv("HEAPMAP_EXPORT_CORPUS_PKGS");
  if (gopath == nullptr || list == nullptr || !IsDir(std::string(kGoroot) + "/src")) {
    GTEST_SKIP() << "set HEAPMAP_EXPORT_CORPUS and HEAPMAP_EXPORT_CORPUS_PKGS to run";
  }
  load::BuildContext ctx;
  ctx.goroot = kGoroot;
  ctx.gopath = {gopath};
  ctx.go111module = "off";
  ctx.work_dir = std::string(gopath) + "/src";
  std::vector<std::string> patterns;
  std::istringstream in(ReadWholeFile(list));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') patterns.push_back(line);
  }
  base::RunOnLargeStack(base::kThreadStackBytes, [&] {
    auto w = BuildStdWorld(ctx, patterns);
    CheckWorld(w.get(), false);
    return 0;
  });
}

void CheckWorld(StdWorld* w, bool std_only_checks) {
  const size_t n = w->loaded.packages.size();
  size_t compared = 0;
  for (size_t i = 0; i < n; i++) {
    if (w->src[i] == nullptr) continue;
    const std::string& path = w->loaded.packages[i].import_path;
    EXPECT_TRUE(w->src[i]->errors.empty()) << path << ": " << w->src[i]->errors[0];
    if (w->imp[i] == nullptr) continue;
    // Imports differ in identity but not in path.
    EXPECT_EQ(ApiText(w->src_pkg[i]), ApiText(w->imp_pkg[i])) << path;
    EXPECT_EQ(w->data[i], WriteExportData(*w->imp_pkg[i])) << path << ": re-export differs";
    compared++;
  }
  EXPECT_GT(compared, 200u);
  std::printf("export data: %zu packages, %zu bytes; write %.3f s, read %.3f s "
              "(one thread; checking from source: %.3f s)\n",
              compared, w->bytes, w->write_seconds, w->read_seconds, w->check_seconds);

  // The acceptance test: every package checked again, its imports served by the imported
  // packages, gives the same types and objects as checked against the source-checked ones.
  size_t agreed = 0, dump_bytes = 0;
  for (size_t i = 0; i < n; i++) {
    if (w->src[i] == nullptr || w->imp[i] == nullptr) continue;
    const load::Package& lp = w->loaded.packages[i];
    bool imports_ok = true;
    for (size_t j : w->imports[i]) imports_ok = imports_ok && w->imp_pkg[j] != nullptr;
    if (!imports_ok) continue;
    auto again = CheckFiles(ParsePackage(lp), lp.import_path, ImportsOf(*w, i, w->imp_pkg), &w->imp_ctxt);
    EXPECT_EQ(w->src[i]->errors, again->errors) << lp.import_path;
    std::string a = DumpAll(*w->src[i]), b = DumpAll(*again);
    dump_bytes += a.size();
    EXPECT_EQ(a.size(), b.size()) << lp.import_path;
    if (a != b) {
      size_t k = 0;
      while (k < a.size() && k < b.size() && a[k] == b[k]) k++;
      size_t from = a.rfind('\n', k);
      from = from == std::string::npos ? 0 : from + 1;
      ADD_FAILURE() << lp.import_path << ": dumps differ at\n  source: " << a.substr(from, 200)
                    << "\n  export: " << b.substr(from, 200);
    } else {
      agreed++;
    }
    // Drop the second check's trees; keep the first (dumped above).
  }
  EXPECT_EQ(agreed, compared);
  EXPECT_GT(dump_bytes, size_t{10} << 20);  // the dumps are not trivially equal
  std::printf("importers agree: %zu packages, %zu bytes of dumps each way\n", agreed, dump_bytes);
  if (!std_only_checks) return;

  // Determinism: the same bytes from packages checked again on two threads (other
  // addresses, another order of instantiation in another context).
  std::vector<std::string> parallel = CheckStdInParallel(*w, 2);
  for (size_t i = 0; i < n; i++) {
    EXPECT_EQ(w->data[i], parallel[i]) << w->loaded.packages[i].import_path;
  }

  // Reading concurrently (one shared context, as a program would) gives the same packages.
  std::vector<std::string> api = ReadStdInParallel(*w, 2);
  for (size_t i = 0; i < n; i++) {
    if (w->imp_pkg[i] == nullptr || w->src[i] == nullptr) continue;
    EXPECT_EQ(ApiText(w->imp_pkg[i]), api[i]) << w->loaded.packages[i].import_path;
  }

  // Malformed input, on real export data of packages rich in generics and constants.
  for (size_t i = 0; i < n; i++) {
    const std::string& path = w->loaded.packages[i].import_path;
    if (path != "sync/atomic" && path != "go/ast" && path != "math" && path != "net/http") continue;
    ASSERT_FALSE(w->data[i].empty());
    std::map<std::string, types::Package*> all;
    for (size_t j = 0; j < i; j++) {
      if (w->imp_pkg[j] != nullptr) all[w->loaded.packages[j].import_path] = w->imp_pkg[j];
    }
    auto lookup = [&all](std::string_view p) -> types::Package* {
      auto it = all.find(std::string(p));
      return it == all.end() ? nullptr : it->second;
    };
    EXPECT_GT(ReadMutations(w->data[i], lookup, 300, static_cast<uint32_t>(i)), 10) << path;
    EXPECT_GT(ReadStructuralMutations(w->data[i], lookup, 30, static_cast<uint32_t>(i)), 3) << path;
  }
}

}  // namespace
}  // namespace heapmap::exportdata
