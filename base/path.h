// base/path.h — slash-separated file paths, as Go's path.Clean and filepath.Abs treat them.
#ifndef HEAPMAP_BASE_PATH_H_
#define HEAPMAP_BASE_PATH_H_

#include <string>
#include <string_view>

namespace heapmap::base {

// path.Clean: "." and ".." elements resolved, repeated slashes dropped ("." for empty).
std::string CleanPath(std::string_view p);

// `p` cleaned when absolute, else `base`/`p` cleaned.
std::string AbsPath(std::string_view base, std::string_view p);

}  // namespace heapmap::base

#endif  // HEAPMAP_BASE_PATH_H_
