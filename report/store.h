// report/store.h — scans kept over time: reports stored in an SQLite database.
//
// One database holds any number of scans (`heapmap scan -db FILE`): each with when it ran,
// the tree and git commit scanned, the flags that decide verdicts, heapmap's version, and
// its report — every site (with its stable ID, cause, rank and profile figure) and the
// totals per package. `history` lists them, `diff` compares two, the dashboard draws them.
//
// Invariants:
//   - a scan is stored in one transaction: a scan killed midway leaves nothing of itself,
//     and readers never see half of one;
//   - writers wait for each other (SQLite's lock, a busy timeout of a minute; WAL
//     journal, so readers do not block a writer);
//   - the schema is versioned (PRAGMA user_version) and migrated forward on open, in one
//     transaction per step; a database of a newer schema is refused, never rewritten.
#ifndef HEAPMAP_REPORT_STORE_H_
#define HEAPMAP_REPORT_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/report.pb.h"

struct sqlite3;

namespace heapmap::report {

// What a scan was (a row of the scans table).
struct ScanInfo {
  int64_t id = 0;        // 1, 2, ... in the order stored
  std::string label;     // -label, else the git commit's short form, else ""
  std::string time;      // when it was stored, RFC 3339 UTC ("2026-12-07T10:02:00Z")
  std::string tree;      // the directory scanned
  std::string commit;    // git HEAD of the tree, "" when it is not a git checkout
  std::string config;    // the flags that decide verdicts ("-l", "-profile a.prof", ...)
  std::string version;   // heapmap's version
  std::string patterns;  // the packages named, space-separated
  int64_t sites = 0;     // heap allocations
  // Named packages that failed (errors, or skipped for an import's): their sites are
  // missing, so diffs do not compare them.
  std::vector<std::string> failed;
};

// A package's totals in one scan.
struct PackageTotal {
  std::string package;
  int64_t sites = 0;
  double static_weight = 0;  // the sum of its sites'
  int64_t measured = 0;      // the sum of its sites' profile figures
};

// A scan and what changed since the one before it (0 for the first): its distinct stable
// IDs the one before has not (introduced), and the other way round (fixed), leaving out
// the sites of the packages that failed in either.
struct ScanChanges {
  ScanInfo scan;
  int64_t introduced = 0;
  int64_t fixed = 0;
};

// The schema version this heapmap writes.
constexpr int kStoreSchemaVersion = 2;

// The migration steps: step i takes a database from version i to i + 1 (version 0 is an
// empty file). For tests that build an older database.
const std::vector<std::string_view>& StoreSchemaSteps();

class ScanStore {
 public:
  // Opens the database at `path`, creating it or migrating it to kStoreSchemaVersion.
  static absl::StatusOr<std::unique_ptr<ScanStore>> Open(const std::string& path);
  ~ScanStore();
  ScanStore(const ScanStore&) = delete;
  ScanStore& operator=(const ScanStore&) = delete;

  // Stores a scan: its ranked report, and its packages' reports (their calls, parameter
  // leaks and assertions; their sites are the ranked report's). Returns the scan's id.
  absl::StatusOr<int64_t> Add(const ScanInfo& info, const Report& report,
                              const std::vector<PackageReport>& packages = {});
  // Every scan, oldest first.
  absl::StatusOr<std::vector<ScanInfo>> List();
  // The same, each with what changed since the scan before (`heapmap history`, the
  // dashboard's trends).
  absl::StatusOr<std::vector<ScanChanges>> History();
  // A scan by reference: its id ("3"), "last", "last~N" (N scans before the last), or a
  // label (the last scan with it). NotFound otherwise.
  absl::StatusOr<ScanInfo> Find(std::string_view ref);
  // A stored scan's report: its sites in rank order, and its profile figures.
  absl::StatusOr<Report> Load(int64_t id);
  // A scan's packages' reports, by import path, each with its calls, leaks and assertions
  // when stored, and its sites from `report` (the scan's, as Load gives them) in source
  // order, as report::PackageSites made them.
  absl::StatusOr<std::vector<PackageReport>> LoadPackages(int64_t id, const Report& report);
  // A scan's totals per package, by sites (then name).
  absl::StatusOr<std::vector<PackageTotal>> Packages(int64_t id);
  // A scan's sites per cause (CauseName), by cause.
  absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> CauseCounts(int64_t id);
 private:
  // How many distinct stable IDs scan `id` has that scan `other` has not, but those of the
  // packages in `skip`.
  absl::StatusOr<int64_t> CountNotIn(int64_t id, int64_t other, const std::vector<std::string>& skip);

  explicit ScanStore(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_STORE_H_
