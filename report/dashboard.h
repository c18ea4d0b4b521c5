// report/dashboard.h — `heapmap dashboard`: a static site of the scans of a database.
//
// DIR/index.html opens from disk, without a server: the page (report/dashboard/: HTML,
// app.js, CSS, built into the binary), the chart libraries copied from Debian's packages
// (d3's browser bundle from node-d3, Chart.js from libjs-chart.js) into DIR/lib, and the
// data as script files (a browser loads those from file://, where it refuses fetch):
//   - DIR/data/summary.js: the scan shown, every scan's totals by cause and what each
//     introduced and fixed (trends), the packages with their totals (the treemap), the
//     first 1,000 sites by rank (the table), and the diff of the last two scans;
//   - DIR/data/pkg/N.js, one per package, loaded when the page needs it: its functions'
//     totals, its sites, each site's explanation (report/explain.h) and the source lines
//     around the sites and the steps of their paths.
// So the first view needs only the aggregates, whatever the tree's size.
#ifndef HEAPMAP_REPORT_DASHBOARD_H_
#define HEAPMAP_REPORT_DASHBOARD_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "report/store.h"

namespace heapmap::report {

struct DashboardOptions {
  std::string dir;       // where to write (created; files there are replaced)
  std::string scan;      // the scan to show: a reference as ScanStore::Find reads it ("last")
  std::string d3_js;     // d3's browser bundle (d3.min.js)
  std::string chart_js;  // Chart.js's (chart.min.js)
};

// Where Debian's packages install the libraries: the first of these that exists, or "".
std::string DefaultD3Path();
std::string DefaultChartJsPath();

// Writes the dashboard of `store` into options.dir.
absl::Status WriteDashboard(ScanStore& store, const DashboardOptions& options);

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_DASHBOARD_H_
