// report/profile_test.cc — reading pprof heap profiles and joining them with sites.
#include "report/profile.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "proto/profile.pb.h"
#include "report/sites.h"
#include "zlib.h"

namespace heapmap::report {
namespace {

std::string Gzip(const std::string& raw) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&zs, raw.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  zs.avail_in = static_cast<uInt>(raw.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// A profile builder: strings interned, one function per (name, file), one location per
// stack frame group.
class Builder {
 public:
  Builder() {
    Str("");
    for (const char* t : {"alloc_objects", "alloc_space", "inuse_objects", "inuse_space"}) {
      pprof::ValueType* v = p_.add_sample_type();
      v->set_type(Str(t));
      v->set_unit(Str(std::string(t).ends_with("objects") ? "count" : "bytes"));
    }
    p_.set_default_sample_type(Str("inuse_space"));
  }
  int64_t Str(const std::string& s) {
    for (int i = 0; i < p_.string_table_size(); ++i) {
      if (p_.string_table(i) == s) return i;
    }
    p_.add_string_table(s);
    return p_.string_table_size() - 1;
  }
  uint64_t Func(const std::string& name, const std::string& file) {
    for (const pprof::Function& f : p_.function()) {
      if (f.name() == Str(name) && f.filename() == Str(file)) return f.id();
    }
    pprof::Function* f = p_.add_function();
    f->set_id(p_.function_size());
    f->set_name(Str(name));
    f->set_filename(Str(file));
    return f->id();
  }
  // A sample of `bytes` (one object) whose leaf location holds `frames`, innermost first.
  void Sample(const std::vector<Frame>& frames, int64_t bytes) {
    pprof::Location* loc = p_.add_location();
    loc->set_id(p_.location_size() + 100);
    for (const Frame& f : frames) {
      pprof::Line* l = loc->add_line();
      l->set_function_id(Func(f.function, f.file));
      l->set_line(f.line);
    }
    pprof::Sample* s = p_.add_sample();
    s->add_location_id(loc->id());
    for (int64_t v : {int64_t{1}, bytes, int64_t{0}, int64_t{0}}) s->add_value(v);
  }
  pprof::Profile& proto() { return p_; }
  std::string Bytes() const { return p_.SerializeAsString(); }

 private:
  pprof::Profile p_;
};

Site MakeSite(const std::string& id, const std::string& symbol, const std::string& file,
              uint32_t line, double weight) {
  Site s;
  s.set_id(id);
  s.set_package("example.com/p");
  s.set_symbol(symbol);
  s.set_function(symbol.substr(symbol.rfind('.') + 1));
  s.set_file(file);
  s.set_line(line);
  s.set_static_weight(weight);
  return s;
}

const std::vector<ScannedFile> kScanned = {{"example.com/p", "/src/p/a.go"},
                                           {"example.com/p", "/src/p/b.go"}};

TEST(ReadHeapProfileTest, ReadsGzippedAndRawTheSame) {
  Builder b;
  b.Sample({{"example.com/q.Inner", "/src/q/q.go", 7}, {"example.com/p.Outer", "/src/p/a.go", 12}},
           64);
  for (const std::string& bytes : {Gzip(b.Bytes()), b.Bytes()}) {
    absl::StatusOr<HeapProfile> p = ReadHeapProfile(bytes);
    ASSERT_TRUE(p.ok()) << p.status();
    EXPECT_EQ(p->sample_types,
              (std::vector<std::string>{"alloc_objects", "alloc_space", "inuse_objects", "inuse_space"}));
    EXPECT_EQ(p->units[1], "bytes");
    EXPECT_EQ(p->default_type, 3);
    ASSERT_EQ(p->samples.size(), 1u);
    ASSERT_EQ(p->samples[0].leaf.size(), 2u);
    EXPECT_EQ(p->samples[0].leaf[0].function, "example.com/q.Inner");
    EXPECT_EQ(p->samples[0].leaf[0].line, 7);
    EXPECT_EQ(p->samples[0].leaf[1].file, "/src/p/a.go");
    EXPECT_EQ(p->samples[0].values, (std::vector<int64_t>{1, 64, 0, 0}));
  }
}

TEST(ReadHeapProfileTest, RejectsWhatIsNotAProfile) {
  Builder b;
  b.Sample({{"p.F", "/src/p/a.go", 3}}, 8);
  const std::string good = Gzip(b.Bytes());
  EXPECT_FALSE(ReadHeapProfile(good.substr(0, good.size() / 2)).ok());  // truncated gzip
  std::string bad = good;
  bad[12] ^= 0x55;
  bad[13] ^= 0x55;
  EXPECT_FALSE(ReadHeapProfile(bad).ok());  // corrupt deflate data or checksum
  EXPECT_FALSE(ReadHeapProfile("\x1f\x8bnot gzip").ok());
  EXPECT_FALSE(ReadHeapProfile("\xff\xff\xff\xff").ok());  // not protobuf

  Builder strings = b;
  strings.proto().mutable_function(0)->set_name(99);
  absl::StatusOr<HeapProfile> p = ReadHeapProfile(strings.Bytes());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("names string 99"), std::string::npos) << p.status();

  Builder location = b;
  location.proto().mutable_sample(0)->set_location_id(0, 7);
  EXPECT_FALSE(ReadHeapProfile(location.Bytes()).ok());

  Builder function = b;
  function.proto().mutable_location(0)->mutable_line(0)->set_function_id(42);
  EXPECT_FALSE(ReadHeapProfile(function.Bytes()).ok());

  Builder values = b;
  values.proto().mutable_sample(0)->add_value(5);
  EXPECT_FALSE(ReadHeapProfile(values.Bytes()).ok());
}

TEST(SampleTypeIndexTest, PicksAllocSpaceByDefault) {
  Builder b;
  absl::StatusOr<HeapProfile> p = ReadHeapProfile(b.Bytes());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*SampleTypeIndex(*p, ""), 1);
  EXPECT_EQ(*SampleTypeIndex(*p, "inuse_objects"), 2);
  absl::StatusOr<int> bad = SampleTypeIndex(*p, "cpu");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("alloc_objects, alloc_space"), std::string::npos);
}

TEST(MergeProfilesTest, AddsSamplesOfTheSameTypes) {
  Builder a, b;
  a.Sample({{"p.F", "/src/p/a.go", 3}}, 8);
  b.Sample({{"p.G", "/src/p/a.go", 4}}, 16);
  HeapProfile merged;
  ASSERT_TRUE(MergeProfiles(merged, *ReadHeapProfile(a.Bytes())).ok());
  ASSERT_TRUE(MergeProfiles(merged, *ReadHeapProfile(b.Bytes())).ok());
  EXPECT_EQ(merged.samples.size(), 2u);
  HeapProfile other;
  other.sample_types = {"samples", "cpu"};
  other.units = {"count", "nanoseconds"};
  EXPECT_FALSE(MergeProfiles(merged, other).ok());
}

TEST(JoinProfileTest, AttributesSamplesToTheSitesAtTheirLeafLine) {
  Report r;
  *r.add_sites() = MakeSite("loop", "example.com/p.F", "/src/p/a.go", 10, 8);
  *r.add_sites() = MakeSite("once", "example.com/p.F", "/src/p/a.go", 5, 1);
  // An allocation of G's body inlined into F and H: a site in each caller's copy.
  *r.add_sites() = MakeSite("g-in-f", "example.com/p.F", "/src/p/b.go", 3, 1);
  *r.add_sites() = MakeSite("g-in-h", "example.com/p.H", "/src/p/b.go", 3, 1);
  // Two sites on one line of one function share its samples.
  *r.add_sites() = MakeSite("pair1", "example.com/p.K[go.shape.int_0]", "/src/p/a.go", 20, 1);
  *r.add_sites() = MakeSite("pair2", "example.com/p.K[go.shape.int_0]", "/src/p/a.go", 20, 1);
  *r.add_sites() = MakeSite("never", "example.com/p.F", "/src/p/a.go", 30, 1);
  Builder b;
  b.Sample({{"example.com/p.F", "/src/p/a.go", 5}}, 1000);
  b.Sample({{"example.com/p.F", "/src/p/a.go", 10}}, 10);
  b.Sample({{"example.com/p.G", "/src/p/b.go", 3}, {"example.com/p.H", "/src/p/a.go", 40}}, 300);
  // -trimpath names the file by package path: still scanned code, still the site.
  b.Sample({{"example.com/p.K[...]", "example.com/p/a.go", 20}}, 101);
  // Scanned code with no site on the line, and code outside the scan.
  b.Sample({{"example.com/p.F", "/src/p/a.go", 11}}, 7);
  b.Sample({{"fmt.Sprintf", "/goroot/src/fmt/print.go", 219}}, 5000);
  // Another package's body inlined into scanned code, where no site is (the report does
  // not list strings' sites).
  b.Sample({{"strings.Repeat", "/goroot/src/strings/strings.go", 500},
            {"example.com/p.F", "/src/p/a.go", 12}}, 20);
  absl::StatusOr<HeapProfile> p = ReadHeapProfile(Gzip(b.Bytes()));
  ASSERT_TRUE(p.ok());
  JoinProfile(r, *p, *SampleTypeIndex(*p, ""), kScanned, "/");

  std::vector<std::pair<std::string, int64_t>> got;
  for (const Site& s : r.sites()) got.push_back({s.id(), s.measured()});
  EXPECT_EQ(got, (std::vector<std::pair<std::string, int64_t>>{{"once", 1000},
                                                               {"g-in-h", 300},
                                                               {"pair1", 51},
                                                               {"pair2", 50},
                                                               {"loop", 10},
                                                               {"never", 0},
                                                               {"g-in-f", 0}}));
  const ProfileJoin& j = r.profile();
  EXPECT_EQ(j.sample_type(), "alloc_space");
  EXPECT_EQ(j.unit(), "bytes");
  EXPECT_EQ(j.total(), 6438);
  EXPECT_EQ(j.scanned(), 1438);
  EXPECT_EQ(j.attributed(), 1411);
  EXPECT_EQ(j.sites_sampled(), 5);
  EXPECT_EQ(j.sites_never_sampled(), 2);
  ASSERT_EQ(j.unattributed_size(), 2);
  EXPECT_EQ(j.unattributed(0).line(), 500);
  EXPECT_EQ(j.unattributed(0).value(), 20);
  EXPECT_EQ(j.unattributed(0).cause(), UNATTRIBUTED_OTHER_PACKAGE);
  EXPECT_EQ(j.unattributed(1).line(), 11);
  EXPECT_EQ(j.unattributed(1).value(), 7);
  EXPECT_EQ(j.unattributed(1).cause(), UNATTRIBUTED_NO_SITE);
  // The remainder by cause, largest first; it sums to scanned - attributed.
  ASSERT_EQ(j.unattributed_by_cause_size(), 2);
  EXPECT_EQ(j.unattributed_by_cause(0).cause(), UNATTRIBUTED_OTHER_PACKAGE);
  EXPECT_EQ(j.unattributed_by_cause(0).value(), 20);
  EXPECT_EQ(j.unattributed_by_cause(0).lines(), 1);
  EXPECT_EQ(j.unattributed_by_cause(1).cause(), UNATTRIBUTED_NO_SITE);
  EXPECT_EQ(j.unattributed_by_cause(1).value(), 7);
  EXPECT_DOUBLE_EQ(j.static_top100_share(), 1.0);

  const std::string table = FormatTable(r, 3);
  EXPECT_NE(table.find("1000B"), std::string::npos) << table;
  EXPECT_NE(table.find("98.12%"), std::string::npos) << table;
  EXPECT_NE(table.find("/src/p/a.go:11 (example.com/p.F) no-site"), std::string::npos) << table;
  EXPECT_NE(table.find("20B  1 line  other-package"), std::string::npos) << table;
}

TEST(JoinProfileTest, RuntimeImplementationsGiveWayToTheirCaller) {
  Report r;
  *r.add_sites() = MakeSite("make-slice", "reflect.MakeSlice", "/goroot/src/reflect/value.go", 2991, 1);
  *r.add_sites() = MakeSite("dotted", "gopkg.in/yaml.v2.F", "/gopath/src/gopkg.in/yaml.v2/a.go", 3, 1);
  const std::vector<ScannedFile> scanned = {{"runtime", "/goroot/src/runtime/malloc.go"},
                                            {"reflect", "/goroot/src/reflect/value.go"},
                                            {"gopkg.in/yaml.v2", "/gopath/src/gopkg.in/yaml.v2/a.go"}};
  Builder b;
  // The runtime's reflect.unsafe_NewArray allocates for reflect.MakeSlice's call.
  b.Sample({{"reflect.unsafe_NewArray", "/goroot/src/runtime/malloc.go", 1229}}, 64);
  b.proto().mutable_sample(0)->add_location_id(
      b.proto().location(b.proto().location_size() - 1).id() + 1);
  pprof::Location* caller = b.proto().add_location();
  caller->set_id(b.proto().sample(0).location_id(1));
  caller->add_line()->set_function_id(b.Func("reflect.MakeSlice", "/goroot/src/reflect/value.go"));
  caller->mutable_line(0)->set_line(2991);
  // Link symbols escape a '.' in the path's last element: still the package's own code.
  b.Sample({{"gopkg.in/yaml%2ev2.F", "/gopath/src/gopkg.in/yaml.v2/a.go", 3}}, 8);
  absl::StatusOr<HeapProfile> p = ReadHeapProfile(b.Bytes());
  ASSERT_TRUE(p.ok()) << p.status();
  JoinProfile(r, *p, 1, scanned, "/");
  EXPECT_EQ(r.profile().attributed(), 72);
  EXPECT_EQ(r.sites(0).id(), "make-slice");
  EXPECT_EQ(r.sites(0).measured(), 64);
  EXPECT_EQ(r.sites(1).measured(), 8);
}

TEST(JoinProfileTest, SiteFilesRelativeToTheWorkingDirectory) {
  Report r;
  *r.add_sites() = MakeSite("rel", "example.com/p.F", "./a.go", 5, 1);
  Builder b;
  b.Sample({{"example.com/p.F", "/src/p/a.go", 5}}, 40);
  absl::StatusOr<HeapProfile> p = ReadHeapProfile(b.Bytes());
  ASSERT_TRUE(p.ok());
  JoinProfile(r, *p, *SampleTypeIndex(*p, "alloc_objects"), kScanned, "/src/p");
  EXPECT_EQ(r.sites(0).measured(), 1);
  EXPECT_EQ(r.profile().attributed(), 1);
}

}  // namespace
}  // namespace heapmap::report
