// report/dashboard_assets.h — the dashboard's page (report/dashboard/: index.html, app.js,
// style.css), built into the binary: name (relative to the output directory) and bytes.
#ifndef HEAPMAP_REPORT_DASHBOARD_ASSETS_H_
#define HEAPMAP_REPORT_DASHBOARD_ASSETS_H_

#include <string>
#include <utility>
#include <vector>

namespace heapmap::report {

// Defined in a file generated at build time (cmake/embed.cmake).
const std::vector<std::pair<std::string, std::string>>& DashboardAssets();

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_DASHBOARD_ASSETS_H_
