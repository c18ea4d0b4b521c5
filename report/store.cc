// report/store.cc — the scan database (SQLite). See store.h for the invariants.
#include "report/store.h"

#include <sqlite3.h>

#include <cstdlib>
#include <algorithm>
#include <map>
#include <functional>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "report/sites.h"
#include "report/deflate.h"

namespace heapmap::report {
namespace {

// Version 1: scans and their sites. Version 2: per-package totals, filled from the sites
// of the scans already stored, and each package's report without its sites (calls,
// parameter leaks, assertions: what explanations read; NULL for the scans migrated); the
// packages that failed in a scan (space-separated; "" for the scans migrated).
const std::vector<std::string_view> kSteps = {
    R"sql(
CREATE TABLE scans (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  time TEXT NOT NULL,
  tree TEXT NOT NULL,
  git_commit TEXT NOT NULL,
  config TEXT NOT NULL,
  version TEXT NOT NULL,
  patterns TEXT NOT NULL,
  sites INTEGER NOT NULL,
  profile BLOB
);
CREATE TABLE sites (
  scan INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,
  id TEXT NOT NULL,
  package TEXT NOT NULL,
  function TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  cause TEXT NOT NULL,
  static_weight REAL NOT NULL,
  measured INTEGER NOT NULL,
  site BLOB NOT NULL,
  PRIMARY KEY (scan, rank)
);
CREATE INDEX sites_by_id ON sites (scan, id);
)sql",
    R"sql(
CREATE TABLE packages (
  scan INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  package TEXT NOT NULL,
  sites INTEGER NOT NULL,
  static_weight REAL NOT NULL,
  measured INTEGER NOT NULL,
  report BLOB,
  PRIMARY KEY (scan, package)
);
INSERT INTO packages (scan, package, sites, static_weight, measured)
  SELECT scan, package, count(*), sum(static_weight), sum(measured) FROM sites
  GROUP BY scan, package;
ALTER TABLE scans ADD COLUMN failed TEXT NOT NULL DEFAULT '';
)sql",
};

absl::Status Error(sqlite3* db, const std::string& what) {
  return absl::InternalError(absl::StrCat(what, ": ", sqlite3_errmsg(db)));
}

absl::Status Exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    absl::Status s = absl::InternalError(message != nullptr ? message : "sqlite error");
    sqlite3_free(message);
    return s;
  }
  return absl::OkStatus();
}

// A prepared statement, finalized when it goes.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql) : db_(db) {
    ok_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &s_, nullptr) ==
          SQLITE_OK;
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return ok_; }
  // A statement that failed to prepare binds nothing and steps to SQLITE_MISUSE.
  Stmt& Bind(int i, int64_t v) {
    if (s_ != nullptr) sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, double v) {
    if (s_ != nullptr) sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    if (s_ != nullptr) sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& BindBlob(int i, std::string_view v) {
    if (s_ != nullptr) sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return s_ != nullptr ? sqlite3_step(s_) : SQLITE_MISUSE; }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  int64_t Int(int col) { return sqlite3_column_int64(s_, col); }
  double Real(int col) { return sqlite3_column_double(s_, col); }
  std::string Text(int col) {
    const unsigned char* t = sqlite3_column_text(s_, col);
    return t == nullptr ? "" : std::string(reinterpret_cast<const char*>(t),
                                           sqlite3_column_bytes(s_, col));
  }
  std::string Blob(int col) {
    const void* b = sqlite3_column_blob(s_, col);
    return b == nullptr ? "" : std::string(static_cast<const char*>(b),
                                           sqlite3_column_bytes(s_, col));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
  bool ok_ = false;
};

// Rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  absl::Status Begin() {
    absl::Status s = Exec(db_, "BEGIN IMMEDIATE");
    open_ = s.ok();
    return s;
  }
  absl::Status Commit() {
    absl::Status s = Exec(db_, "COMMIT");
    if (s.ok()) open_ = false;
    return s;
  }
  ~Transaction() {
    if (open_) (void)Exec(db_, "ROLLBACK");
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

absl::StatusOr<int> UserVersion(sqlite3* db) {
  Stmt s(db, "PRAGMA user_version");
  if (!s.ok() || s.Step() != SQLITE_ROW) return Error(db, "reading the schema version");
  return static_cast<int>(s.Int(0));
}

// Records (a site, a package's report, a profile) are stored zlib-packed: a database
// keeps a scan a night. Version 1's were stored as they are; a zlib stream starts with
// 0x78, which no such record does (its first byte is field 1's or 2's tag).
std::string Pack(const google::protobuf::MessageLite& m) { return Deflate(m.SerializeAsString()); }

bool Unpack(const std::string& bytes, google::protobuf::MessageLite* m) {
  if (bytes.empty() || static_cast<unsigned char>(bytes[0]) != 0x78) return m->ParseFromString(bytes);
  absl::StatusOr<std::string> raw = Inflate(bytes, /*gzip=*/false, size_t{1} << 30);
  return raw.ok() && m->ParseFromString(*raw);
}

// Fault injection for the tests of a scan killed midway: HEAPMAP_TEST_STORE_ABORT_AFTER=N
// aborts the process after the N-th site row, inside the transaction.
int64_t AbortAfterSites() {
  const char* v = std::getenv("HEAPMAP_TEST_STORE_ABORT_AFTER");
  int64_t n = -1;
  if (v == nullptr || !absl::SimpleAtoi(v, &n)) return -1;
  return n;
}

ScanInfo ScanRow(Stmt& s) {
  ScanInfo info;
  info.id = s.Int(0);
  info.label = s.Text(1);
  info.time = s.Text(2);
  info.tree = s.Text(3);
  info.commit = s.Text(4);
  info.config = s.Text(5);
  info.version = s.Text(6);
  info.patterns = s.Text(7);
  info.sites = s.Int(8);
  for (absl::string_view p : absl::StrSplit(s.Text(9), ' ', absl::SkipEmpty())) {
    info.failed.emplace_back(p);
  }
  return info;
}

constexpr char kScanColumns[] =
    "id, label, time, tree, git_commit, config, version, patterns, sites, failed";

}  // namespace

const std::vector<std::string_view>& StoreSchemaSteps() { return kSteps; }

absl::StatusOr<std::unique_ptr<ScanStore>> ScanStore::Open(const std::string& path) {
  static_assert(kStoreSchemaVersion == 2, "one step per version");
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    absl::Status s = absl::UnavailableError(
        absl::StrCat(path, ": ", db != nullptr ? sqlite3_errmsg(db) : "cannot open"));
    sqlite3_close(db);
    return s;
  }
  std::unique_ptr<ScanStore> store(new ScanStore(db));
  sqlite3_busy_timeout(db, 60000);
  auto fail = [&path](const absl::Status& s) {
    return absl::Status(s.code(), absl::StrCat(path, ": ", s.message()));
  };
  // WAL lets readers go on while a scan is written; foreign keys for the cascades.
  if (absl::Status s = Exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON"); !s.ok()) {
    return fail(s);
  }
  for (;;) {
    absl::StatusOr<int> version = UserVersion(db);
    if (!version.ok()) return fail(version.status());
    if (*version > kStoreSchemaVersion) {
      return absl::FailedPreconditionError(
          absl::StrCat(path, ": a scan database of schema version ", *version,
                       ", newer than this heapmap's (", kStoreSchemaVersion,
                       "): use a newer heapmap"));
    }
    if (*version == kStoreSchemaVersion) break;
    // One step per transaction; another process may be migrating too, so the version is
    // read again under the lock.
    Transaction t(db);
    if (absl::Status s = t.Begin(); !s.ok()) return fail(s);
    absl::StatusOr<int> locked = UserVersion(db);
    if (!locked.ok()) return fail(locked.status());
    if (*locked != *version) continue;
    if (absl::Status s = Exec(db, std::string(kSteps[*version])); !s.ok()) {
      return fail(absl::InternalError(
          absl::StrCat("migrating to schema version ", *version + 1, ": ", s.message())));
    }
    if (absl::Status s = Exec(db, absl::StrCat("PRAGMA user_version=", *version + 1)); !s.ok()) {
      return fail(s);
    }
    if (absl::Status s = t.Commit(); !s.ok()) return fail(s);
  }
  return store;
}

ScanStore::~ScanStore() { sqlite3_close(db_); }

absl::StatusOr<int64_t> ScanStore::Add(const ScanInfo& info, const Report& report,
                                       const std::vector<PackageReport>& packages_in) {
  Transaction t(db_);
  if (absl::Status s = t.Begin(); !s.ok()) return s;
  Stmt scan(db_,
            "INSERT INTO scans (label, time, tree, git_commit, config, version, patterns, "
            "sites, profile, failed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!scan.ok()) return Error(db_, "storing the scan");
  scan.Bind(1, info.label).Bind(2, info.time).Bind(3, info.tree).Bind(4, info.commit);
  scan.Bind(5, info.config).Bind(6, info.version).Bind(7, info.patterns);
  scan.Bind(8, static_cast<int64_t>(report.sites_size()));
  if (report.has_profile()) scan.BindBlob(9, Pack(report.profile()));
  scan.Bind(10, absl::StrJoin(info.failed, " "));
  if (scan.Step() != SQLITE_DONE) return Error(db_, "storing the scan");
  const int64_t id = sqlite3_last_insert_rowid(db_);

  Stmt site(db_,
            "INSERT INTO sites (scan, rank, id, package, function, file, line, col, cause, "
            "static_weight, measured, site) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!site.ok()) return Error(db_, "storing the sites");
  const int64_t abort_after = AbortAfterSites();
  std::map<std::string, SiteTotals> packages;
  for (int i = 0; i < report.sites_size(); ++i) {
    const Site& s = report.sites(i);
    site.Bind(1, id).Bind(2, static_cast<int64_t>(i + 1)).Bind(3, s.id()).Bind(4, s.package());
    site.Bind(5, s.function()).Bind(6, s.file()).Bind(7, static_cast<int64_t>(s.line()));
    site.Bind(8, static_cast<int64_t>(s.column())).Bind(9, CauseName(s.cause()));
    site.Bind(10, s.static_weight()).Bind(11, s.measured()).BindBlob(12, Pack(s));
    if (site.Step() != SQLITE_DONE) return Error(db_, "storing a site");
    site.Reset();
    packages[s.package()].Add(s);
    if (abort_after >= 0 && i + 1 >= abort_after) std::abort();
  }
  std::map<std::string, std::string> rest;  // each package's report without its sites
  for (const PackageReport& p : packages_in) {
    PackageReport r = p;
    r.clear_sites();
    rest[p.package()] = Pack(r);
    packages.try_emplace(p.package());
  }
  Stmt pkg(db_,
           "INSERT INTO packages (scan, package, sites, static_weight, measured, report) "
           "VALUES (?, ?, ?, ?, ?, ?)");
  if (!pkg.ok()) return Error(db_, "storing the package totals");
  for (const auto& [name, p] : packages) {
    pkg.Bind(1, id).Bind(2, name).Bind(3, p.sites).Bind(4, p.weight).Bind(5, p.measured);
    if (auto r = rest.find(name); r != rest.end()) pkg.BindBlob(6, r->second);
    if (pkg.Step() != SQLITE_DONE) return Error(db_, "storing a package total");
    pkg.Reset();
  }
  if (absl::Status s = t.Commit(); !s.ok()) return s;
  return id;
}

absl::StatusOr<std::vector<ScanInfo>> ScanStore::List() {
  Stmt s(db_, absl::StrCat("SELECT ", kScanColumns, " FROM scans ORDER BY id"));
  if (!s.ok()) return Error(db_, "listing scans");
  std::vector<ScanInfo> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ScanRow(s));
  if (rc != SQLITE_DONE) return Error(db_, "listing scans");
  return out;
}

absl::StatusOr<ScanInfo> ScanStore::Find(std::string_view ref_view) {
  const std::string ref(ref_view);
  const std::string columns = absl::StrCat("SELECT ", kScanColumns, " FROM scans ");
  int64_t n = 0;
  std::unique_ptr<Stmt> s;
  if (absl::SimpleAtoi(ref, &n)) {
    s = std::make_unique<Stmt>(db_, columns + "WHERE id = ?");
    s->Bind(1, n);
  } else if (ref == "last" ||
             (ref.substr(0, 5) == "last~" && absl::SimpleAtoi(ref.substr(5), &n) && n >= 0)) {
    s = std::make_unique<Stmt>(db_, columns + "ORDER BY id DESC LIMIT 1 OFFSET ?");
    s->Bind(1, ref == "last" ? int64_t{0} : n);
  } else {
    s = std::make_unique<Stmt>(db_, columns + "WHERE label = ? ORDER BY id DESC LIMIT 1");
    s->Bind(1, ref);
  }
  if (!s->ok()) return Error(db_, "finding a scan");
  int rc = s->Step();
  if (rc == SQLITE_ROW) return ScanRow(*s);
  if (rc != SQLITE_DONE) return Error(db_, "finding a scan");
  return absl::NotFoundError(absl::StrCat(
      "no scan \"", ref, "\" (give a number, last, last~N or a label: `heapmap history`)"));
}

absl::StatusOr<Report> ScanStore::Load(int64_t id) {
  Report report;
  {
    Stmt s(db_, "SELECT profile FROM scans WHERE id = ?");
    if (!s.ok()) return Error(db_, "loading a scan");
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_DONE) return absl::NotFoundError(absl::StrCat("no scan ", id));
    if (rc != SQLITE_ROW) return Error(db_, "loading a scan");
    std::string profile = s.Blob(0);
    if (!profile.empty() && !Unpack(profile, report.mutable_profile())) {
      return absl::DataLossError(absl::StrCat("scan ", id, ": a corrupt profile record"));
    }
  }
  Stmt s(db_, "SELECT site FROM sites WHERE scan = ? ORDER BY rank");
  if (!s.ok()) return Error(db_, "loading sites");
  s.Bind(1, id);
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    if (!Unpack(s.Blob(0), report.add_sites())) {
      return absl::DataLossError(absl::StrCat("scan ", id, ": a corrupt site record"));
    }
  }
  if (rc != SQLITE_DONE) return Error(db_, "loading sites");
  return report;
}

absl::StatusOr<std::vector<PackageReport>> ScanStore::LoadPackages(int64_t id,
                                                                    const Report& report) {
  Stmt s(db_, "SELECT package, report FROM packages WHERE scan = ? ORDER BY package");
  if (!s.ok()) return Error(db_, "loading package reports");
  s.Bind(1, id);
  std::vector<PackageReport> out;
  std::map<std::string, size_t> index;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    PackageReport& p = out.emplace_back();
    if (!Unpack(s.Blob(1), &p)) {
      return absl::DataLossError(absl::StrCat("scan ", id, ": a corrupt package record"));
    }
    p.set_package(s.Text(0));
    index[p.package()] = out.size() - 1;
  }
  if (rc != SQLITE_DONE) return Error(db_, "loading package reports");
  // Sites back in source order (the report's order within a package is its rank).
  for (const Site& site : report.sites()) {
    auto it = index.find(site.package());
    if (it == index.end()) {
      index[site.package()] = out.size();
      out.emplace_back().set_package(site.package());
      it = index.find(site.package());
    }
    *out[it->second].add_sites() = site;
  }
  for (PackageReport& p : out) {
    std::stable_sort(p.mutable_sites()->begin(), p.mutable_sites()->end(),
                     [](const Site& a, const Site& b) {
                       return std::make_tuple(std::cref(a.file()), a.line(), a.column()) <
                              std::make_tuple(std::cref(b.file()), b.line(), b.column());
                     });
  }
  return out;
}

absl::StatusOr<std::vector<PackageTotal>> ScanStore::Packages(int64_t id) {
  Stmt s(db_,
         "SELECT package, sites, static_weight, measured FROM packages WHERE scan = ? "
         "ORDER BY sites DESC, package");
  if (!s.ok()) return Error(db_, "loading package totals");
  s.Bind(1, id);
  std::vector<PackageTotal> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back(PackageTotal{s.Text(0), s.Int(1), s.Real(2), s.Int(3)});
  }
  if (rc != SQLITE_DONE) return Error(db_, "loading package totals");
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> ScanStore::CauseCounts(int64_t id) {
  Stmt s(db_, "SELECT cause, count(*) FROM sites WHERE scan = ? GROUP BY cause ORDER BY cause");
  if (!s.ok()) return Error(db_, "counting causes");
  s.Bind(1, id);
  std::vector<std::pair<std::string, int64_t>> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.emplace_back(s.Text(0), s.Int(1));
  if (rc != SQLITE_DONE) return Error(db_, "counting causes");
  return out;
}

absl::StatusOr<std::vector<ScanChanges>> ScanStore::History() {
  absl::StatusOr<std::vector<ScanInfo>> scans = List();
  if (!scans.ok()) return scans.status();
  std::vector<ScanChanges> out;
  for (size_t i = 0; i < scans->size(); ++i) {
    ScanChanges& c = out.emplace_back();
    c.scan = (*scans)[i];
    if (i == 0) continue;
    const ScanInfo& before = (*scans)[i - 1];
    std::vector<std::string> skip = c.scan.failed;
    skip.insert(skip.end(), before.failed.begin(), before.failed.end());
    absl::StatusOr<int64_t> introduced = CountNotIn(c.scan.id, before.id, skip);
    if (!introduced.ok()) return introduced.status();
    absl::StatusOr<int64_t> fixed = CountNotIn(before.id, c.scan.id, skip);
    if (!fixed.ok()) return fixed.status();
    c.introduced = *introduced;
    c.fixed = *fixed;
  }
  return out;
}

absl::StatusOr<int64_t> ScanStore::CountNotIn(int64_t id, int64_t other,
                                              const std::vector<std::string>& skip) {
  std::string placeholders;
  for (size_t i = 0; i < skip.size(); ++i) absl::StrAppend(&placeholders, i ? ", ?" : "?");
  Stmt s(db_, absl::StrCat("SELECT count(DISTINCT id) FROM sites WHERE scan = ? AND id NOT IN "
                           "(SELECT id FROM sites WHERE scan = ?)",
                           skip.empty() ? "" : absl::StrCat(" AND package NOT IN (", placeholders, ")")));
  if (!s.ok()) return Error(db_, "comparing scans");
  s.Bind(1, id).Bind(2, other);
  for (size_t i = 0; i < skip.size(); ++i) s.Bind(static_cast<int>(i + 3), skip[i]);
  if (s.Step() != SQLITE_ROW) return Error(db_, "comparing scans");
  return s.Int(0);
}

}  // namespace heapmap::report
