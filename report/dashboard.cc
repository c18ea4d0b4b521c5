// report/dashboard.cc — the static dashboard: data files and the page around them.
#include "report/dashboard.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "base/json.h"
#include "report/dashboard_assets.h"
#include "report/diff.h"
#include "report/explain.h"
#include "report/sites.h"

namespace heapmap::report {
namespace {

namespace fs = std::filesystem;
using base::JsonQuote;

constexpr int kTopSites = 1000;   // the first view's table
constexpr int kSourceContext = 2;  // lines around each site shown

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

absl::Status WriteFile(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return absl::UnavailableError(absl::StrCat(tmp.string(), ": cannot write"));
  }
  fs::rename(tmp, path, ec);
  if (ec) return absl::UnavailableError(absl::StrCat(path.string(), ": ", ec.message()));
  return absl::OkStatus();
}

absl::Status CopyFile(const std::string& from, const fs::path& to) {
  std::ifstream in(from, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(from, ": cannot read"));
  std::ostringstream buf;
  buf << in.rdbuf();
  return WriteFile(to, buf.str());
}

std::string Number(double v) { return absl::StrFormat("%.6g", v); }

// A site as the page's rows hold it.
std::string SiteRow(const Site& s, int rank, int pkg) {
  return absl::StrCat("{\"id\":", JsonQuote(s.id()), ",\"r\":", rank, ",\"p\":", pkg,
                      ",\"f\":", JsonQuote(s.function()), ",\"file\":", JsonQuote(s.file()),
                      ",\"line\":", s.line(), ",\"col\":", s.column(), ",\"c\":",
                      JsonQuote(CauseName(s.cause())), ",\"w\":", Number(s.static_weight()),
                      ",\"m\":", s.measured(), ",\"t\":", JsonQuote(SiteWhat(s)), ",\"d\":",
                      JsonQuote(s.detail()), "}");
}

// A file's lines, read once.
class Sources {
 public:
  explicit Sources(std::string tree) : tree_(std::move(tree)) {}
  const std::vector<std::string>* Lines(const std::string& file) {
    auto [it, added] = files_.try_emplace(file);
    if (added) {
      std::ifstream in(file.empty() || file[0] == '/' ? file : tree_ + "/" + file);
      for (std::string line; std::getline(in, line);) it->second.push_back(std::move(line));
    }
    return it->second.empty() ? nullptr : &it->second;
  }

 private:
  std::string tree_;
  std::map<std::string, std::vector<std::string>> files_;
};

// "file:line" and "file:line:col" in an explanation's text: the positions its steps are at.
void PositionsIn(const std::string& text, std::set<std::pair<std::string, int>>* out) {
  for (absl::string_view word : absl::StrSplit(text, absl::ByAnyChar(" \n\t()[],"))) {
    std::vector<absl::string_view> parts = absl::StrSplit(word, ':');
    int line = 0;
    if (parts.size() >= 2 && absl::EndsWith(parts[0], ".go") && absl::SimpleAtoi(parts[1], &line)) {
      out->insert({std::string(parts[0]), line});
    }
  }
}

std::string PackageData(const PackageReport& p, int index, const ExplainPackages& all,
                        const std::map<std::string, int>& ranks, Sources& sources) {
  std::map<std::string, SiteTotals> fns;  // functions by their sites
  for (const Site& s : p.sites()) fns[s.function()].Add(s);
  std::string out = absl::StrCat("HEAPMAP.loaded(", index, ", {\"functions\":[");
  bool first = true;
  for (const auto& [name, f] : fns) {
    absl::StrAppend(&out, first ? "" : ",", "{\"name\":", JsonQuote(name), ",\"sites\":", f.sites,
                    ",\"weight\":", Number(f.weight), ",\"measured\":", f.measured, "}");
    first = false;
  }
  absl::StrAppend(&out, "],\"sites\":[");
  std::set<std::pair<std::string, int>> lines;
  std::map<std::pair<std::string, std::pair<uint32_t, uint32_t>>, std::string> explained;
  for (int i = 0; i < p.sites_size(); ++i) {
    const Site& s = p.sites(i);
    auto r = ranks.find(s.id());
    absl::StrAppend(&out, i ? "," : "", SiteRow(s, r == ranks.end() ? 0 : r->second, index));
    lines.insert({s.file(), static_cast<int>(s.line())});
    explained.try_emplace({s.file(), {s.line(), s.column()}});
  }
  absl::StrAppend(&out, "],\"explain\":{");
  first = true;
  for (auto& [where, text] : explained) {
    text = Explain(p.package(), all, where.first, where.second.first, where.second.second);
    PositionsIn(text, &lines);
    absl::StrAppend(&out, first ? "" : ",",
                    JsonQuote(absl::StrCat(where.first, ":", where.second.first, ":", where.second.second)),
                    ":", JsonQuote(text));
    first = false;
  }
  absl::StrAppend(&out, "},\"source\":{");
  first = true;
  std::string current;
  for (const auto& [file, line] : lines) {
    const std::vector<std::string>* text = sources.Lines(file);
    if (text == nullptr) continue;
    if (file != current) {
      absl::StrAppend(&out, current.empty() ? "" : "},", JsonQuote(file), ":{");
      current = file;
      first = true;
    }
    for (int l = std::max(1, line - kSourceContext);
         l <= std::min<int>(static_cast<int>(text->size()), line + kSourceContext); ++l) {
      absl::StrAppend(&out, first ? "" : ",", "\"", l, "\":", JsonQuote((*text)[l - 1]));
      first = false;
    }
  }
  absl::StrAppend(&out, current.empty() ? "" : "}", "}});\n");
  return out;
}

}  // namespace

std::string DefaultD3Path() {
  for (const char* p : {"/usr/share/nodejs/d3/dist/d3.min.js", "/usr/share/javascript/d3/d3.min.js"}) {
    if (Exists(p)) return p;
  }
  return "";
}

std::string DefaultChartJsPath() {
  for (const char* p : {"/usr/share/javascript/chart.js/chart.min.js",
                        "/usr/share/nodejs/chart.js/dist/chart.min.js"}) {
    if (Exists(p)) return p;
  }
  return "";
}

absl::Status WriteDashboard(ScanStore& store, const DashboardOptions& options) {
  if (options.d3_js.empty() || options.chart_js.empty()) {
    return absl::FailedPreconditionError(
        "the dashboard needs d3's and Chart.js's browser bundles: install Debian's node-d3 and "
        "libjs-chart.js, or give their files with -d3 and -chartjs");
  }
  absl::StatusOr<std::vector<ScanChanges>> scans = store.History();
  if (!scans.ok()) return scans.status();
  if (scans->empty()) return absl::NotFoundError("no scan stored yet (`heapmap scan -db`)");
  absl::StatusOr<ScanInfo> shown = store.Find(options.scan.empty() ? "last" : options.scan);
  if (!shown.ok()) return shown.status();
  absl::StatusOr<Report> ranked = store.Load(shown->id);
  if (!ranked.ok()) return ranked.status();
  absl::StatusOr<std::vector<PackageReport>> packages = store.LoadPackages(shown->id, *ranked);
  if (!packages.ok()) return packages.status();

  const fs::path dir(options.dir);
  for (const auto& [name, text] : DashboardAssets()) {
    if (absl::Status s = WriteFile(dir / name, text); !s.ok()) return s;
  }
  if (absl::Status s = CopyFile(options.d3_js, dir / "lib" / "d3.min.js"); !s.ok()) return s;
  if (absl::Status s = CopyFile(options.chart_js, dir / "lib" / "chart.min.js"); !s.ok()) return s;

  // Packages by sites; each site's rank.
  std::vector<const PackageReport*> order;
  for (const PackageReport& p : *packages) order.push_back(&p);
  std::stable_sort(order.begin(), order.end(), [](const PackageReport* a, const PackageReport* b) {
    return a->sites_size() > b->sites_size();
  });
  std::map<std::string, int> pkg_index;
  for (size_t i = 0; i < order.size(); ++i) pkg_index[order[i]->package()] = static_cast<int>(i);
  std::map<std::string, int> ranks;
  for (int i = 0; i < ranked->sites_size(); ++i) ranks.emplace(ranked->sites(i).id(), i + 1);

  // summary.js
  std::string out = "HEAPMAP.summary({\"scan\":{";
  absl::StrAppend(&out, "\"id\":", shown->id, ",\"label\":", JsonQuote(shown->label),
                  ",\"time\":", JsonQuote(shown->time), ",\"commit\":", JsonQuote(shown->commit),
                  ",\"tree\":", JsonQuote(shown->tree), ",\"config\":", JsonQuote(shown->config),
                  ",\"version\":", JsonQuote(shown->version), ",\"patterns\":",
                  JsonQuote(shown->patterns), ",\"sites\":", shown->sites, "},\"scans\":[");
  for (size_t i = 0; i < scans->size(); ++i) {
    const ScanInfo& s = (*scans)[i].scan;
    const int64_t introduced = (*scans)[i].introduced, fixed = (*scans)[i].fixed;
    absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> causes = store.CauseCounts(s.id);
    if (!causes.ok()) return causes.status();
    absl::StrAppend(&out, i ? "," : "", "{\"id\":", s.id, ",\"label\":", JsonQuote(s.label),
                    ",\"time\":", JsonQuote(s.time), ",\"commit\":", JsonQuote(s.commit),
                    ",\"sites\":", s.sites, ",\"introduced\":", introduced, ",\"fixed\":", fixed,
                    ",\"causes\":{");
    for (size_t c = 0; c < causes->size(); ++c) {
      absl::StrAppend(&out, c ? "," : "", JsonQuote((*causes)[c].first), ":", (*causes)[c].second);
    }
    absl::StrAppend(&out, "}}");
  }
  absl::StrAppend(&out, "],\"packages\":[");
  for (size_t i = 0; i < order.size(); ++i) {
    const PackageReport& p = *order[i];
    SiteTotals total;
    std::set<std::string> fns;
    for (const Site& s : p.sites()) {
      total.Add(s);
      fns.insert(s.function());
    }
    absl::StrAppend(&out, i ? "," : "", "{\"i\":", i, ",\"name\":", JsonQuote(p.package()),
                    ",\"sites\":", total.sites, ",\"weight\":", Number(total.weight),
                    ",\"measured\":", total.measured, ",\"functions\":", fns.size(), "}");
  }
  absl::StrAppend(&out, "],\"top\":[");
  for (int i = 0; i < std::min(kTopSites, ranked->sites_size()); ++i) {
    const Site& s = ranked->sites(i);
    absl::StrAppend(&out, i ? "," : "", SiteRow(s, i + 1, pkg_index[s.package()]));
  }
  absl::StrAppend(&out, "],\"diff\":");
  // The last two scans, whichever is shown.
  if (scans->size() >= 2) {
    const ScanInfo& older = (*scans)[scans->size() - 2].scan;
    const ScanInfo& newer = scans->back().scan;
    absl::StatusOr<Report> a = store.Load(older.id);
    if (!a.ok()) return a.status();
    // The shown scan is usually the last: its report is loaded already.
    absl::StatusOr<Report> b = newer.id == shown->id ? *ranked : store.Load(newer.id);
    if (!b.ok()) return b.status();
    std::vector<std::string> failed = older.failed;
    failed.insert(failed.end(), newer.failed.begin(), newer.failed.end());
    ReportDiff d = DiffReports(*a, *b, failed);
    auto rows = [&](const google::protobuf::RepeatedPtrField<Site>& sites) {
      std::string r = "[";
      for (int i = 0; i < sites.size(); ++i) {
        auto p = pkg_index.find(sites[i].package());
        absl::StrAppend(&r, i ? "," : "", SiteRow(sites[i], 0, p == pkg_index.end() ? -1 : p->second));
      }
      return r + "]";
    };
    absl::StrAppend(&out, "{\"older\":", older.id, ",\"newer\":", newer.id, ",\"introduced\":",
                    rows(d.introduced()), ",\"fixed\":", rows(d.fixed()), ",\"unchanged\":",
                    d.unchanged(), "}");
  } else {
    absl::StrAppend(&out, "null");
  }
  absl::StrAppend(&out, "});\n");
  if (absl::Status s = WriteFile(dir / "data" / "summary.js", out); !s.ok()) return s;

  // One file per package, for the views that need it.
  ExplainPackages all;
  for (const PackageReport& p : *packages) all[p.package()] = ExplainPackage{&p, ""};
  Sources sources(shown->tree);
  for (size_t i = 0; i < order.size(); ++i) {
    std::string data = PackageData(*order[i], static_cast<int>(i), all, ranks, sources);
    if (absl::Status s = WriteFile(dir / "data" / "pkg" / absl::StrCat(i, ".js"), data); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace heapmap::report
