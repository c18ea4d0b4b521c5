// report/deflate.h — zlib's deflate and inflate, for what report/ reads and writes packed:
// gzipped pprof profiles (profile.cc) and the scan database's records (store.cc).
#ifndef HEAPMAP_REPORT_DEFLATE_H_
#define HEAPMAP_REPORT_DEFLATE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace heapmap::report {

// `bytes` in the zlib format (RFC 1950), at zlib's default level.
std::string Deflate(std::string_view bytes);

// Unpacks zlib data, or gzip data (RFC 1952) when `gzip`; an error for corrupt or
// truncated input, or when it unpacks to more than `max_bytes`.
absl::StatusOr<std::string> Inflate(std::string_view bytes, bool gzip, size_t max_bytes);

}  // namespace heapmap::report

#endif  // HEAPMAP_REPORT_DEFLATE_H_
