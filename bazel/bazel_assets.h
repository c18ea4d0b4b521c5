// bazel/bazel_assets.h — heapmap's Bazel rules (bazel/defs.bzl), built into the binary so
// that `heapmap buildfiles` writes them beside the BUILD files: name and bytes.
#ifndef HEAPMAP_BAZEL_BAZEL_ASSETS_H_
#define HEAPMAP_BAZEL_BAZEL_ASSETS_H_

#include <string>
#include <utility>
#include <vector>

namespace heapmap::bazel {

// Defined in a file generated at build time (cmake/embed.cmake).
const std::vector<std::pair<std::string, std::string>>& BazelAssets();

}  // namespace heapmap::bazel

#endif  // HEAPMAP_BAZEL_BAZEL_ASSETS_H_
