// report/store_test.cc — the scan database: round trips, references, migrations from an
// older schema, a newer schema refused, concurrent writers, a writer killed midway.
#include "report/store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "gtest/gtest.h"

namespace heapmap::report {
namespace {

std::string TempDb(const std::string& name) {
  std::string path = ::testing::TempDir() + "/store_test_" + name + "_" + std::to_string(getpid()) + ".db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

Site MakeSite(const std::string& id, const std::string& pkg, int line, double weight) {
  Site s;
  s.set_id(id);
  s.set_package(pkg);
  s.set_function("F");
  s.set_file(pkg + "/a.go");
  s.set_line(line);
  s.set_column(3);
  s.set_cause(CAUSE_INTERFACE);
  s.set_static_weight(weight);
  s.set_text("x");
  return s;
}

Report MakeReport(int n, const std::string& prefix = "id") {
  Report r;
  for (int i = 0; i < n; ++i) {
    *r.add_sites() = MakeSite(prefix + std::to_string(i), i % 2 ? "example.com/b" : "example.com/a",
                              10 + i, 1 + i);
  }
  return r;
}

ScanInfo Info(const std::string& label) {
  ScanInfo info;
  info.label = label;
  info.time = "2026-12-07T10:00:00Z";
  info.tree = "/src";
  info.commit = "0123456789abcdef0123456789abcdef01234567";
  info.config = "-l";
  info.version = "heapmap test";
  info.patterns = "./...";
  return info;
}

TEST(ScanStoreTest, StoresAndLoadsScans) {
  const std::string path = TempDb("roundtrip");
  auto store = ScanStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  Report first = MakeReport(3);
  first.mutable_profile()->set_total(77);
  ASSERT_EQ(*(*store)->Add(Info("one"), first), 1);
  Report second = MakeReport(4);
  second.mutable_sites(0)->set_id("new");
  ASSERT_EQ(*(*store)->Add(Info("two"), second), 2);

  auto scans = (*store)->List();
  ASSERT_TRUE(scans.ok());
  ASSERT_EQ(scans->size(), 2u);
  EXPECT_EQ((*scans)[0].label, "one");
  EXPECT_EQ((*scans)[0].sites, 3);
  EXPECT_EQ((*scans)[1].commit, "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ((*scans)[1].config, "-l");

  auto loaded = (*store)->Load(1);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->SerializeAsString(), first.SerializeAsString());

  EXPECT_EQ((*store)->Find("2")->label, "two");
  EXPECT_EQ((*store)->Find("last")->id, 2);
  EXPECT_EQ((*store)->Find("last~1")->id, 1);
  EXPECT_EQ((*store)->Find("one")->id, 1);
  EXPECT_EQ((*store)->Find("three").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ((*store)->Find("last~2").status().code(), absl::StatusCode::kNotFound);

  auto packages = (*store)->Packages(2);
  ASSERT_TRUE(packages.ok());
  ASSERT_EQ(packages->size(), 2u);
  EXPECT_EQ((*packages)[0].package, "example.com/a");
  EXPECT_EQ((*packages)[0].sites, 2);
  EXPECT_DOUBLE_EQ((*packages)[0].static_weight, 1 + 3);
  // id0 replaced by "new" in scan 2; scan 2 has id3 in addition.
  auto history = (*store)->History();
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].introduced, 0);
  EXPECT_EQ((*history)[1].introduced, 2);
  EXPECT_EQ((*history)[1].fixed, 1);

  // Reopened, nothing changes.
  store->reset();
  auto again = ScanStore::Open(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->List()->size(), 2u);
}

TEST(ScanStoreTest, KeepsEachPackagesReport) {
  const std::string path = TempDb("packages");
  auto store = ScanStore::Open(path);
  ASSERT_TRUE(store.ok());
  Report ranked = MakeReport(4);
  PackageReport a;
  a.set_package("example.com/a");
  ParamLeak* leak = a.add_param_leaks();
  leak->mutable_param()->set_symbol("example.com/a.F");
  leak->set_heap(1);
  *a.add_sites() = ranked.sites(0);  // not stored twice
  ASSERT_TRUE((*store)->Add(Info("p"), ranked, {a}).ok());
  auto packages = (*store)->LoadPackages(1, *(*store)->Load(1));
  ASSERT_TRUE(packages.ok()) << packages.status();
  ASSERT_EQ(packages->size(), 2u);
  EXPECT_EQ((*packages)[0].package(), "example.com/a");
  ASSERT_EQ((*packages)[0].param_leaks_size(), 1);
  EXPECT_EQ((*packages)[0].param_leaks(0).heap(), 1);
  // Sites back per package, in source order.
  ASSERT_EQ((*packages)[0].sites_size(), 2);
  EXPECT_LT((*packages)[0].sites(0).line(), (*packages)[0].sites(1).line());
  EXPECT_EQ((*packages)[1].package(), "example.com/b");
  EXPECT_EQ((*packages)[1].sites_size(), 2);
}

TEST(ScanStoreTest, MigratesAnOlderSchemaKeepingItsScans) {
  const std::string path = TempDb("older");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, std::string(StoreSchemaSteps()[0]).c_str(), nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO scans VALUES (1, 'old', 't', '/src', '', '', 'v', 'p', 2, NULL);"
                         "PRAGMA user_version=1;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  Report r = MakeReport(2);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO sites VALUES (1, ?, ?, ?, 'F', 'a.go', 1, 1, 'interface', ?, 5, ?)",
                               -1, &st, nullptr),
            SQLITE_OK);
  for (int i = 0; i < r.sites_size(); ++i) {
    std::string blob = r.sites(i).SerializeAsString();
    sqlite3_bind_int(st, 1, i + 1);
    sqlite3_bind_text(st, 2, r.sites(i).id().c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, r.sites(i).package().c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(st, 4, r.sites(i).static_weight());
    sqlite3_bind_blob(st, 5, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);

  auto store = ScanStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  auto scans = (*store)->List();
  ASSERT_EQ(scans->size(), 1u);
  EXPECT_EQ((*scans)[0].label, "old");
  EXPECT_EQ((*store)->Load(1)->SerializeAsString(), r.SerializeAsString());
  // Version 2's package totals, filled from the old scan's sites.
  auto packages = (*store)->Packages(1);
  ASSERT_EQ(packages->size(), 2u);
  EXPECT_EQ((*packages)[0].sites, 1);
  EXPECT_EQ((*packages)[0].measured, 5);
  // And new scans go on from there.
  EXPECT_EQ(*(*store)->Add(Info("new"), MakeReport(1)), 2);
}

TEST(ScanStoreTest, RefusesANewerSchemaAndWhatIsNotADatabase) {
  const std::string newer = TempDb("newer");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE x (y); PRAGMA user_version=99", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = ScanStore::Open(newer);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("newer than this heapmap's"), std::string::npos);

  const std::string garbage = TempDb("garbage");
  std::ofstream(garbage) << std::string(4096, 'x');
  auto bad = ScanStore::Open(garbage);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(garbage), std::string::npos) << bad.status();
}

TEST(ScanStoreTest, ConcurrentWritersLoseNothing) {
  const std::string path = TempDb("concurrent");
  ASSERT_TRUE(ScanStore::Open(path).ok());
  auto writer = [&path](const std::string& prefix) {
    auto store = ScanStore::Open(path);
    ASSERT_TRUE(store.ok()) << store.status();
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE((*store)->Add(Info(prefix + std::to_string(i)), MakeReport(50, prefix)).ok());
    }
  };
  std::thread a(writer, "a"), b(writer, "b");
  a.join();
  b.join();
  auto store = ScanStore::Open(path);
  auto scans = (*store)->List();
  ASSERT_EQ(scans->size(), 20u);
  for (const ScanInfo& s : *scans) {
    EXPECT_EQ(s.sites, 50);
    EXPECT_EQ((*store)->Load(s.id)->sites_size(), 50) << s.label;
  }
}

TEST(ScanStoreDeathTest, AWriterKilledMidwayLeavesNothingOfItsScan) {
  const std::string path = TempDb("killed");
  {
    auto store = ScanStore::Open(path);
    ASSERT_TRUE((*store)->Add(Info("kept"), MakeReport(5)).ok());
  }
  EXPECT_DEATH(
      {
        setenv("HEAPMAP_TEST_STORE_ABORT_AFTER", "3", 1);
        auto store = ScanStore::Open(path);
        (void)(*store)->Add(Info("killed"), MakeReport(10));
      },
      "");
  auto store = ScanStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  auto scans = (*store)->List();
  ASSERT_EQ(scans->size(), 1u);
  EXPECT_EQ((*scans)[0].label, "kept");
  EXPECT_EQ((*store)->Load(1)->sites_size(), 5);
  // The next scan takes the next number; the database is whole.
  EXPECT_EQ(*(*store)->Add(Info("after"), MakeReport(2)), 2);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

}  // namespace
}  // namespace heapmap::report
