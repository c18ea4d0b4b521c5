// report/profile.cc — see profile.h and README.md "Profiles".
#include "report/profile.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/path.h"
#include "base/utf8.h"
#include "proto/profile.pb.h"
#include "report/sites.h"
#include "report/deflate.h"

namespace heapmap::report {
namespace {

// More than any heap profile holds (Go's are a few MB unpacked); a bound on what a
// corrupt or hostile file can make us allocate.
constexpr size_t kMaxUnpacked = size_t{1} << 30;

// "pkg.F[go.shape.int_0]" and "pkg.F[...]" (how runtime/pprof names generic functions)
// both become "pkg.F[...]"; the escapes of link symbols ("gopkg.in/yaml%2ev2.F") are
// undone.
std::string NormalizeSymbol(std::string_view s) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size() && base::HexDigitValue(s[i + 1]) >= 0 && base::HexDigitValue(s[i + 2]) >= 0) {
      c = static_cast<char>(base::HexDigitValue(s[i + 1]) * 16 + base::HexDigitValue(s[i + 2]));
      i += 2;
    }
    if (c == '[') {
      if (depth++ == 0) out += "[...";
      continue;
    }
    if (c == ']' && depth > 0) {
      if (--depth == 0) out += ']';
      continue;
    }
    if (depth == 0) out += c;
  }
  return out;
}

std::string_view Base(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Source files by a key that is the same whichever way a file is named: the scanned ones
// by "<package>/<base name>", the others by their absolute path.
class FileKeys {
 public:
  explicit FileKeys(const std::vector<ScannedFile>& scanned) {
    for (const ScannedFile& f : scanned) {
      std::string key = absl::StrCat(f.package, "/", std::string(Base(f.path)));
      by_path_.emplace(f.path, key);
      by_base_[std::string(Base(f.path))].push_back(key);
      package_of_[key] = f.package;
    }
  }
  // The key of a file named as the profile names it, and whether it is scanned code.
  std::pair<std::string, bool> OfProfileFile(const std::string& file) {
    auto cached = profile_cache_.find(file);
    if (cached != profile_cache_.end()) return cached->second;
    std::pair<std::string, bool> result{file, false};
    if (auto it = by_path_.find(file); it != by_path_.end()) {
      result = {it->second, true};
    } else if (auto b = by_base_.find(std::string(Base(file))); b != by_base_.end()) {
      // Trimmed (-trimpath: "pkg/file.go", "mod@v1/pkg/file.go") or from another machine.
      for (const std::string& key : b->second) {
        if (file == key || (file.size() > key.size() && file.ends_with(key) &&
                            file[file.size() - key.size() - 1] == '/')) {
          result = {key, true};
          break;
        }
      }
    }
    profile_cache_.emplace(file, result);
    return result;
  }
  // The import path of a scanned file's package ("" for other files).
  std::string PackageOf(const std::string& key) const {
    auto it = package_of_.find(key);
    return it != package_of_.end() ? it->second : "";
  }
  std::string OfSiteFile(const std::string& file, const std::string& cwd) {
    std::string abs = base::AbsPath(cwd, file);
    auto it = by_path_.find(abs);
    return it != by_path_.end() ? it->second : abs;
  }

 private:
  std::unordered_map<std::string, std::string> by_path_;
  std::unordered_map<std::string, std::vector<std::string>> by_base_;
  std::unordered_map<std::string, std::pair<std::string, bool>> profile_cache_;
  std::unordered_map<std::string, std::string> package_of_;
};

// The package path of a function as runtime/pprof names it: "encoding/json" of
// "encoding/json.(*decodeState).object" (the first '.' after the last '/'; a '.' in the
// path's last element is escaped, "yaml%2ev2").
std::string_view FunctionPackage(std::string_view function) {
  size_t slash = function.rfind('/', function.find('('));
  size_t dot = function.find('.', slash == std::string_view::npos ? 0 : slash);
  return dot == std::string_view::npos ? function : function.substr(0, dot);
}

// A frame of a function whose body lies in another package's file: a //go:linkname
// implementation (the runtime's reflect.unsafe_NewArray). Main packages are named "main"
// in symbols, whatever their path.
bool ImplementedElsewhere(const Frame& frame, FileKeys& keys) {
  const auto [key, scanned] = keys.OfProfileFile(frame.file);
  if (!scanned) return false;
  std::string pkg = NormalizeSymbol(FunctionPackage(frame.function));
  return pkg != "main" && pkg != keys.PackageOf(key);
}

using SiteIndex = std::map<std::pair<std::string, int64_t>, std::vector<Site*>>;

const std::vector<Site*>* SitesAt(const SiteIndex& at, const std::string& key, int64_t line) {
  auto it = at.find({key, line});
  return it == at.end() ? nullptr : &it->second;
}

}  // namespace

absl::StatusOr<HeapProfile> ReadHeapProfile(std::string_view bytes) {
  std::string unpacked;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
      static_cast<unsigned char>(bytes[1]) == 0x8b) {
    absl::StatusOr<std::string> u = Inflate(bytes, /*gzip=*/true, kMaxUnpacked);
    if (!u.ok()) return u.status();
    unpacked = std::move(*u);
    bytes = unpacked;
  }
  if (bytes.size() > kMaxUnpacked) {
    return absl::InvalidArgumentError("the profile is larger than 1 GiB");
  }
  pprof::Profile p;
  if (!p.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::InvalidArgumentError("not a pprof profile (profile.proto)");
  }
  const int64_t nstrings = p.string_table_size();
  auto str = [&](int64_t i, const char* what) -> absl::StatusOr<std::string> {
    if (i < 0 || i >= nstrings) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad profile: ", what, " names string ", i, " of ", nstrings));
    }
    return p.string_table(static_cast<int>(i));
  };
  HeapProfile out;
  for (const pprof::ValueType& t : p.sample_type()) {
    absl::StatusOr<std::string> type = str(t.type(), "a sample type");
    absl::StatusOr<std::string> unit = str(t.unit(), "a sample unit");
    if (!type.ok()) return type.status();
    if (!unit.ok()) return unit.status();
    out.sample_types.push_back(*type);
    out.units.push_back(*unit);
    if (p.default_sample_type() != 0 && t.type() == p.default_sample_type()) {
      out.default_type = static_cast<int>(out.sample_types.size()) - 1;
    }
  }
  std::unordered_map<uint64_t, const pprof::Function*> functions;
  for (const pprof::Function& f : p.function()) functions.emplace(f.id(), &f);
  std::unordered_map<uint64_t, const pprof::Location*> locations;
  for (const pprof::Location& l : p.location()) locations.emplace(l.id(), &l);
  // Leaf frames are shared by many samples: resolved once per location.
  std::unordered_map<uint64_t, std::vector<Frame>> leaves;
  std::vector<int64_t> sums(out.sample_types.size(), 0);
  for (const pprof::Sample& s : p.sample()) {
    if (static_cast<size_t>(s.value_size()) != out.sample_types.size()) {
      return absl::InvalidArgumentError(absl::StrCat("bad profile: a sample has ", s.value_size(),
                                                     " values for ", out.sample_types.size(),
                                                     " sample types"));
    }
    ProfileSample sample;
    sample.values.assign(s.value().begin(), s.value().end());
    // Counts and sizes: never negative, and the join's sums must fit.
    for (size_t i = 0; i < sample.values.size(); ++i) {
      if (sample.values[i] < 0 || __builtin_add_overflow(sums[i], sample.values[i], &sums[i])) {
        return absl::InvalidArgumentError(
            absl::StrCat("bad profile: a negative or too large ", out.sample_types[i], " value"));
      }
    }
    for (int k = 0; k < std::min(2, s.location_id_size()); ++k) {
      const uint64_t id = s.location_id(k);
      auto cached = leaves.find(id);
      if (cached == leaves.end()) {
        auto loc = locations.find(id);
        if (loc == locations.end()) {
          return absl::InvalidArgumentError(absl::StrCat("bad profile: no location ", id));
        }
        std::vector<Frame> frames;
        for (const pprof::Line& line : loc->second->line()) {
          auto f = functions.find(line.function_id());
          if (f == functions.end()) {
            return absl::InvalidArgumentError(
                absl::StrCat("bad profile: no function ", line.function_id()));
          }
          absl::StatusOr<std::string> name = str(f->second->name(), "a function");
          absl::StatusOr<std::string> file = str(f->second->filename(), "a file");
          if (!name.ok()) return name.status();
          if (!file.ok()) return file.status();
          frames.push_back(Frame{*name, *file, line.line()});
        }
        cached = leaves.emplace(id, std::move(frames)).first;
      }
      (k == 0 ? sample.leaf : sample.caller) = cached->second;
    }
    out.samples.push_back(std::move(sample));
  }
  return out;
}

absl::Status MergeProfiles(HeapProfile& into, HeapProfile from) {
  if (into.sample_types.empty() && into.samples.empty()) {
    into = std::move(from);
    return absl::OkStatus();
  }
  if (into.sample_types != from.sample_types) {
    return absl::InvalidArgumentError(
        absl::StrCat("profiles of different sample types: ", absl::StrJoin(into.sample_types, ","),
                     " and ", absl::StrJoin(from.sample_types, ",")));
  }
  // The sums of both must fit, as each one's do (ReadHeapProfile).
  std::vector<int64_t> sums(into.sample_types.size(), 0);
  for (const HeapProfile* p : {&into, &from}) {
    for (const ProfileSample& s : p->samples) {
      for (size_t i = 0; i < sums.size(); ++i) {
        if (__builtin_add_overflow(sums[i], s.values[i], &sums[i])) {
          return absl::InvalidArgumentError(
              absl::StrCat("the profiles' ", into.sample_types[i], " values add up to too much"));
        }
      }
    }
  }
  for (ProfileSample& s : from.samples) into.samples.push_back(std::move(s));
  return absl::OkStatus();
}

absl::StatusOr<int> SampleTypeIndex(const HeapProfile& profile, std::string_view name) {
  const auto& types = profile.sample_types;
  if (types.empty()) return absl::InvalidArgumentError("the profile has no sample types");
  std::string_view want = name.empty() ? "alloc_space" : name;
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i] == want) return static_cast<int>(i);
  }
  if (name.empty()) {
    return profile.default_type >= 0 ? profile.default_type : static_cast<int>(types.size()) - 1;
  }
  return absl::InvalidArgumentError(absl::StrCat("the profile has no sample type \"", std::string(name),
                                                 "\" (it has ", absl::StrJoin(types, ", "), ")"));
}

void JoinProfile(Report& report, const HeapProfile& profile, int type,
                 const std::vector<ScannedFile>& scanned, const std::string& cwd) {
  FileKeys keys(scanned);
  // Sites by (file key, line), in the report's order.
  SiteIndex at;
  for (Site& s : *report.mutable_sites()) {
    s.set_measured(0);
    at[{keys.OfSiteFile(s.file(), cwd), s.line()}].push_back(&s);
  }
  ProfileJoin& join = *report.mutable_profile();
  join.Clear();
  join.set_sample_type(profile.sample_types[type]);
  join.set_unit(profile.units[type]);
  std::map<std::tuple<std::string, std::string, int64_t>, int64_t> unattributed;
  for (const ProfileSample& sample : profile.samples) {
    const int64_t value = sample.values[type];
    join.set_total(join.total() + value);
    if (sample.leaf.empty() || value == 0) continue;
    // The function the code was compiled into: the location's outermost frame.
    const Frame& outer = sample.leaf.back();
    if (!keys.OfProfileFile(outer.file).second) continue;
    join.set_scanned(join.scanned() + value);
    const Frame* inner = &sample.leaf.front();
    const Frame* compiled_in = &outer;
    if (!sample.caller.empty() && sample.leaf.size() == 1 && ImplementedElsewhere(*inner, keys)) {
      inner = &sample.caller.front();
      compiled_in = &sample.caller.back();
    }
    // Sites carry gc's positions: an inlined body's allocation is at the outermost call
    // site, in the function it was inlined into. So first the sites at the compiled-in
    // frame's line and in its function; then those at the innermost frame's line (in that
    // function, else any: the callee's own copy).
    const std::vector<Site*>* at_outer = SitesAt(at, keys.OfProfileFile(compiled_in->file).first, compiled_in->line);
    const std::vector<Site*>* at_inner = SitesAt(at, keys.OfProfileFile(inner->file).first, inner->line);
    const std::string outer_symbol = NormalizeSymbol(compiled_in->function);
    auto in_function = [&](const std::vector<Site*>* sites) {
      std::vector<Site*> out;
      if (sites == nullptr) return out;
      for (Site* s : *sites) {
        if (NormalizeSymbol(s->symbol()) == outer_symbol) out.push_back(s);
      }
      return out;
    };
    std::vector<Site*> chosen = in_function(at_outer);
    if (chosen.empty()) chosen = in_function(at_inner);
    if (chosen.empty() && at_inner != nullptr) chosen = *at_inner;
    if (chosen.empty() && at_outer != nullptr) chosen = *at_outer;
    if (chosen.empty()) {
      unattributed[{inner->function, inner->file, inner->line}] += value;
      continue;
    }
    const int64_t n = static_cast<int64_t>(chosen.size());
    for (size_t i = 0; i < chosen.size(); ++i) {
      chosen[i]->set_measured(chosen[i]->measured() + value / n + (i == 0 ? value % n : 0));
    }
    join.set_attributed(join.attributed() + value);
  }
  // The static rank's top 100 (the report comes ranked by Rank).
  int64_t top = 0;
  for (int i = 0; i < std::min(100, report.sites_size()); ++i) top += report.sites(i).measured();
  join.set_static_top100_share(join.attributed() > 0 ? static_cast<double>(top) / join.attributed() : 0);
  for (const Site& s : report.sites()) {
    if (s.measured() > 0) {
      join.set_sites_sampled(join.sites_sampled() + 1);
    } else {
      join.set_sites_never_sampled(join.sites_never_sampled() + 1);
    }
  }
  std::vector<std::pair<int64_t, std::tuple<std::string, std::string, int64_t>>> lines;
  for (const auto& [where, value] : unattributed) lines.push_back({-value, where});
  std::sort(lines.begin(), lines.end());
  // The allocating line (the innermost frame) in a file of no scanned package: another
  // package's body, inlined where the sample's outermost frame is.
  auto cause_of = [&](const std::string& file) {
    return keys.OfProfileFile(file).second ? UNATTRIBUTED_NO_SITE : UNATTRIBUTED_OTHER_PACKAGE;
  };
  std::map<UnattributedCause, std::pair<int64_t, int64_t>> by_cause;  // value, lines
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto& [function, file, line] = lines[i].second;
    const UnattributedCause cause = cause_of(file);
    by_cause[cause].first += -lines[i].first;
    by_cause[cause].second++;
    if (i >= 100) continue;
    UnattributedLine* u = join.add_unattributed();
    u->set_function(function);
    u->set_file(file);
    u->set_line(line);
    u->set_value(-lines[i].first);
    u->set_cause(cause);
  }
  std::vector<std::pair<int64_t, UnattributedCause>> causes;
  for (const auto& [cause, total] : by_cause) causes.push_back({-total.first, cause});
  std::sort(causes.begin(), causes.end());
  for (const auto& [neg, cause] : causes) {
    UnattributedTotal* t = join.add_unattributed_by_cause();
    t->set_cause(cause);
    t->set_value(-neg);
    t->set_lines(by_cause[cause].second);
  }
  RankMeasured(report);
}

}  // namespace heapmap::report
