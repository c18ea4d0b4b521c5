// driver/history_command.cc — scans kept over time: `scan` (storing), `history`, `diff`.
// The database and the comparison are report/'s (store.h, diff.h); here the flags, git's
// HEAD of the tree, and printing.
#include <sys/stat.h>

#include <cstdio>
#include <ctime>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/ascii.h"
#include "base/json.h"
#include "driver/commands.h"
#include "google/protobuf/util/json_util.h"
#include "report/dashboard.h"
#include "report/diff.h"
#include "report/sites.h"
#include "report/store.h"
#include "summaries/parse_files.h"
#include "summaries/pipeline.h"

namespace heapmap::driver {
namespace {

// A small file's contents, blanks trimmed ("" if it cannot be read).
std::string TrimmedFile(const std::string& path) {
  std::string text, error;
  if (!summaries::ReadFile(path, text, error)) return "";
  return std::string(absl::StripAsciiWhitespace(text));
}

// The commit checked out in the git work tree holding `dir` (its HEAD, followed through a
// symbolic ref to a loose or packed ref), read from the files: no git binary needed. ""
// when `dir` is in no git checkout or HEAD cannot be resolved.
std::string GitHead(std::string dir) {
  // The nearest .git above dir: a directory, or (a worktree, a submodule) a file saying
  // "gitdir: PATH".
  std::string git;
  for (;; dir = dir.substr(0, dir.rfind('/'))) {
    const std::string candidate = dir + "/.git";
    struct stat st;
    if (::stat(candidate.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        git = candidate;
      } else {
        std::string text = TrimmedFile(candidate);
        if (text.rfind("gitdir: ", 0) != 0 || text.size() <= 8) return "";
        text = text.substr(8);
        git = text[0] == '/' ? text : dir + "/" + text;
      }
      break;
    }
    if (dir.find('/') == std::string::npos) return "";  // "" is the root, checked last
  }
  const std::string head = TrimmedFile(git + "/HEAD");
  if (head.rfind("ref: ", 0) != 0) return head;  // detached (or unreadable: "")
  const std::string ref = head.substr(5);
  // A linked worktree keeps its refs in the common directory.
  std::string common = git;
  if (std::string c = TrimmedFile(git + "/commondir"); !c.empty()) {
    common = c[0] == '/' ? c : git + "/" + c;
  }
  for (const std::string& base : {git, common}) {
    if (std::string value = TrimmedFile(base + "/" + ref); !value.empty()) return value;
  }
  std::string packed, error;
  if (!summaries::ReadFile(common + "/packed-refs", packed, error)) return "";
  std::istringstream lines(packed);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > 41 && line[40] == ' ' && line.substr(41) == ref) return line.substr(0, 40);
  }
  return "";
}

std::string NowRfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The flags that decide a scan's verdicts and ranks, as given.
std::string ConfigText(const CommandLine& cl) {
  std::vector<std::string> parts;
  if (cl.no_inline) parts.push_back("-l");
  if (cl.inline_level != 1) parts.push_back(absl::StrCat("-l=", cl.inline_level));
  if (!cl.inline_funcs_with_closures) parts.push_back("-d=inlfuncswithclosures=0");
  if (cl.race) parts.push_back("-race");
  if (cl.small_frames) parts.push_back("-smallframes");
  if (!cl.context.goos.empty()) parts.push_back("-goos " + cl.context.goos);
  if (!cl.context.goarch.empty()) parts.push_back("-goarch " + cl.context.goarch);
  if (!cl.context.tags.empty()) parts.push_back("-tags " + absl::StrJoin(cl.context.tags, ","));
  for (const std::string& p : cl.profiles) parts.push_back("-profile " + p);
  if (!cl.sample_index.empty()) parts.push_back("-sample_index " + cl.sample_index);
  return absl::StrJoin(parts, " ");
}

std::unique_ptr<report::ScanStore> OpenStore(const std::string& path) {
  absl::StatusOr<std::unique_ptr<report::ScanStore>> store = report::ScanStore::Open(path);
  if (!store.ok()) {
    std::fprintf(stderr, "heapmap: %s\n", std::string(store.status().message()).c_str());
    return nullptr;
  }
  return *std::move(store);
}

std::string ScanName(const report::ScanInfo& s) {
  return s.label.empty() ? absl::StrCat("scan ", s.id)
                         : absl::StrCat("scan ", s.id, " (", s.label, ")");
}

// One side of a diff: a report JSON file, or with a database a scan of it.
bool LoadSide(report::ScanStore* store, const std::string& ref, report::Report* out,
              std::string* name, std::vector<std::string>* failed) {
  struct stat st;
  if (store == nullptr || ::stat(ref.c_str(), &st) == 0) {
    std::string json, error;
    if (!summaries::ReadFile(ref, json, error)) {
      std::fprintf(stderr, "heapmap: %s%s\n", error.c_str(),
                   store == nullptr ? " (without -db, OLD and NEW are report JSON files)" : "");
      return false;
    }
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    auto s = google::protobuf::util::JsonStringToMessage(json, out, options);
    if (!s.ok()) {
      std::fprintf(stderr, "heapmap: %s: not a report JSON file (`heapmap report -format json`): %s\n",
                   ref.c_str(), std::string(s.message()).c_str());
      return false;
    }
    *name = ref;
    return true;
  }
  absl::StatusOr<report::ScanInfo> scan = store->Find(ref);
  absl::StatusOr<report::Report> loaded =
      scan.ok() ? store->Load(scan->id) : absl::StatusOr<report::Report>(scan.status());
  if (!loaded.ok()) {
    std::fprintf(stderr, "heapmap: %s\n", std::string(loaded.status().message()).c_str());
    return false;
  }
  *out = *std::move(loaded);
  *name = ScanName(*scan);
  *failed = scan->failed;
  return true;
}

}  // namespace

bool StoreScan(const CommandLine& cl, const report::Report& ranked,
               const std::vector<report::PackageReport>& packages,
               const std::vector<std::string>& failed, const std::string& cwd, std::string* out) {
  std::unique_ptr<report::ScanStore> store = OpenStore(cl.db);
  if (store == nullptr) return false;
  report::ScanInfo info;
  info.commit = GitHead(cwd);
  info.label = !cl.label.empty() ? cl.label : info.commit.substr(0, 12);
  info.time = NowRfc3339();
  info.tree = cwd;
  info.config = ConfigText(cl);
  info.version = kVersion;
  info.patterns = absl::StrJoin(cl.args, " ");
  info.failed = failed;
  absl::StatusOr<int64_t> id = store->Add(info, ranked, packages);
  if (!id.ok()) {
    std::fprintf(stderr, "heapmap: %s: %s\n", cl.db.c_str(), std::string(id.status().message()).c_str());
    return false;
  }
  info.id = *id;
  absl::StrAppendFormat(out, "%s: %d sites, stored in %s%s\n", ScanName(info), ranked.sites_size(),
                        cl.db,
                        failed.empty() ? ""
                                       : absl::StrCat(" (", failed.size(),
                                                      " packages failed: not compared in diffs)"));
  return true;
}

int RunHistory(const CommandLine& cl) {
  if (cl.db.empty()) {
    std::fprintf(stderr, "heapmap: history needs -db FILE\n");
    return 2;
  }
  if (cl.format != "text" && cl.format != "json") {
    std::fprintf(stderr, "heapmap: history -format: want text or json\n");
    return 2;
  }
  if (!cl.args.empty()) {
    std::fprintf(stderr, "heapmap: history takes no arguments\n");
    return 2;
  }
  std::unique_ptr<report::ScanStore> store = OpenStore(cl.db);
  if (store == nullptr) return 2;
  absl::StatusOr<std::vector<report::ScanChanges>> scans = store->History();
  if (!scans.ok()) {
    std::fprintf(stderr, "heapmap: %s: %s\n", cl.db.c_str(), std::string(scans.status().message()).c_str());
    return 1;
  }
  std::string out;
  if (cl.format == "text") {
    out = absl::StrFormat("%5s  %-20s  %-16s  %-12s  %8s  %7s  %7s\n", "scan", "time", "label",
                          "commit", "sites", "new", "fixed");
  }
  for (size_t i = 0; i < scans->size(); ++i) {
    const report::ScanInfo& s = (*scans)[i].scan;
    const int64_t introduced = (*scans)[i].introduced, fixed = (*scans)[i].fixed;
    if (cl.format == "json") {
      absl::StrAppend(&out, "{\"id\":", s.id, ",\"time\":", base::JsonQuote(s.time),
                      ",\"label\":", base::JsonQuote(s.label), ",\"commit\":", base::JsonQuote(s.commit),
                      ",\"tree\":", base::JsonQuote(s.tree), ",\"config\":", base::JsonQuote(s.config),
                      ",\"version\":", base::JsonQuote(s.version), ",\"patterns\":",
                      base::JsonQuote(s.patterns), ",\"sites\":", s.sites,
                      ",\"introduced\":", introduced, ",\"fixed\":", fixed,
                      ",\"failed\":", s.failed.size(), "}\n");
    } else {
      absl::StrAppendFormat(&out, "%5d  %-20s  %-16s  %-12s  %8d  %7s  %7s\n", s.id, s.time,
                            s.label, s.commit.substr(0, 12), s.sites,
                            i > 0 ? absl::StrCat("+", introduced) : "",
                            i > 0 ? absl::StrCat("-", fixed) : "");
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int RunDiff(const CommandLine& cl) {
  if (cl.format != "text" && cl.format != "json" && cl.format != "sarif") {
    std::fprintf(stderr, "heapmap: diff -format: want text, json or sarif\n");
    return 2;
  }
  const size_t want = cl.baseline.empty() ? 2 : 1;
  if (cl.args.size() != want) {
    std::fprintf(stderr, "heapmap: diff needs %s; run 'heapmap help diff'\n",
                 want == 2 ? "OLD and NEW" : "NEW alone with -baseline");
    return 2;
  }
  std::unique_ptr<report::ScanStore> store;
  if (!cl.db.empty()) {
    store = OpenStore(cl.db);
    if (store == nullptr) return 2;
  }
  report::Report older, newer;
  std::string older_name, newer_name;
  std::vector<std::string> failed, newer_failed;
  if (!cl.baseline.empty()) {
    if (!LoadSide(nullptr, cl.baseline, &older, &older_name, &failed)) return 2;
  } else if (!LoadSide(store.get(), cl.args[0], &older, &older_name, &failed)) {
    return 2;
  }
  if (!LoadSide(store.get(), cl.args.back(), &newer, &newer_name, &newer_failed)) return 2;
  failed.insert(failed.end(), newer_failed.begin(), newer_failed.end());
  report::ReportDiff diff = report::DiffReports(older, newer, failed);
  diff.set_older(older_name);
  diff.set_newer(newer_name);
  std::string out;
  if (cl.format == "json") {
    out = report::FormatDiffJson(diff);
  } else if (cl.format == "sarif") {
    report::Report introduced;
    *introduced.mutable_sites() = diff.introduced();
    out = report::FormatSarif(introduced, summaries::CurrentDir());
  } else {
    out = report::FormatDiffText(diff);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  int status = 0;
  if (cl.fail_on == "new" && diff.introduced_size() > 0) status = 1;
  if (cl.fail_on == "new-hot") {
    for (const report::Site& s : diff.introduced()) {
      if (report::IsHot(s)) status = 1;
    }
  }
  return status;
}

int RunDashboard(const CommandLine& cl) {
  if (cl.db.empty() || cl.output.empty()) {
    std::fprintf(stderr, "heapmap: dashboard needs -db FILE and -o DIR\n");
    return 2;
  }
  if (!cl.args.empty()) {
    std::fprintf(stderr, "heapmap: dashboard takes no arguments (-scan REF picks the scan)\n");
    return 2;
  }
  std::unique_ptr<report::ScanStore> store = OpenStore(cl.db);
  if (store == nullptr) return 2;
  report::DashboardOptions options;
  options.dir = cl.output;
  options.scan = cl.scan_ref;
  options.d3_js = !cl.d3_js.empty() ? cl.d3_js : report::DefaultD3Path();
  options.chart_js = !cl.chart_js.empty() ? cl.chart_js : report::DefaultChartJsPath();
  if (absl::Status s = report::WriteDashboard(*store, options); !s.ok()) {
    std::fprintf(stderr, "heapmap: %s\n", std::string(s.message()).c_str());
    return s.code() == absl::StatusCode::kFailedPrecondition ? 2 : 1;
  }
  if (!cl.quiet) std::fprintf(stderr, "heapmap dashboard: %s/index.html\n", cl.output.c_str());
  return 0;
}

}  // namespace heapmap::driver
