// report/profile.h — heap profiles joined with the report: pprof profiles (gzipped
// profile.proto, as runtime/pprof and `go test -memprofile` write them) read into their
// samples' leaf frames, and each sample attributed to the site allocating at its leaf
// frame's line (report/README.md "Profiles").
#ifndef HEAPMAP_REPORT_PROFILE_H_
#define HEAPMAP_REPORT_PROFILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/report.pb.h"

namespace heapmap::report {

// One frame of a stack, as the profile names it.
struct Frame {
  std::string function;  // "encoding/json.(*decodeState).object", "pkg.F.func1", "pkg.G[...]"
  std::string file;      // the source file as compiled (absolute, or trimmed with -trimpath)
  int64_t line = 0;
};

// A sample: its values (one per sample type) and the frames of its leaf location and of
// its caller's, innermost first (a call inlined into another gives the inlined function's
// frame, then its caller's). runtime/pprof leaves the runtime's allocator frames out of
// heap profiles, so the leaf is mostly the function whose code allocated; the caller is
// for the runtime's implementations of other packages' functions (reflect.unsafe_NewArray
// in runtime/malloc.go), whose allocations belong to the call.
struct ProfileSample {
  std::vector<Frame> leaf;
  std::vector<Frame> caller;
  std::vector<int64_t> values;
};

struct HeapProfile {
  std::vector<std::string> sample_types;  // "alloc_objects", "alloc_space", ...
  std::vector<std::string> units;         // "count", "bytes", ...
  int default_type = -1;                  // index into sample_types, or -1
  std::vector<ProfileSample> samples;
};

// Reads a pprof profile: gzip-compressed (as Go writes them) or not. An error for what is
// not one: bad gzip or protobuf, a string, location or function index out of range, a
// sample whose value count differs from the sample types', more than 1 GiB unpacked.
absl::StatusOr<HeapProfile> ReadHeapProfile(std::string_view bytes);

// Adds `from`'s samples to `into` (an empty `into` takes `from`'s sample types); an error
// if their sample types differ.
absl::Status MergeProfiles(HeapProfile& into, HeapProfile from);

// The index of the sample type named `name` ("" picks alloc_space if the profile has it,
// else its default type, else its last), or an error naming the types it has.
absl::StatusOr<int> SampleTypeIndex(const HeapProfile& profile, std::string_view name);

// A Go source file of a scanned package, to tell scanned code from the rest.
struct ScannedFile {
  std::string package;  // import path
  std::string path;     // absolute
};

// Attributes each sample of `profile` (value `type`) to sites of `report`: those of the
// function the code was compiled in (the outermost frame of the leaf location) at that
// frame's line (gc's position of an inlined body's allocation is its outermost call);
// else those at the innermost frame's line, of that function if any; else those at the
// outermost frame's line. Sites chosen together share the value equally. A leaf frame of a function another package's file implements (the
// runtime's reflect.unsafe_NewArray) gives way to its caller's frame. Sets each site's `measured`, ranks the report again (measured
// first, then as Rank does) and fills `report.profile`: totals, what was attributed, the
// sites never sampled, and the lines of scanned code that were sampled but hold no site.
// A frame is in scanned code when its file is one of `scanned` (the same absolute path,
// or a path ending in "/<package>/<base name>" as -trimpath and other machines give).
// Site file names relative to `cwd` are made absolute first.
void JoinProfile(Report& report, const HeapProfile& profile, int type,
                 const std::vector<ScannedFile>& scanned, const std::string& cwd);

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_PROFILE_H_
