// report/deflate.cc — see deflate.h.
#include "report/deflate.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include <zlib.h>

namespace heapmap::report {

std::string Deflate(std::string_view bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uLong>(bytes.size()),
                Z_DEFAULT_COMPRESSION) != Z_OK) {
    return "";
  }
  out.resize(size);
  return out;
}

absl::StatusOr<std::string> Inflate(std::string_view bytes, bool gzip, size_t max_bytes) {
  const char* what = gzip ? "gzip" : "zlib";
  z_stream zs{};
  if (inflateInit2(&zs, gzip ? 15 + 16 : 15) != Z_OK) {
    return absl::InternalError("zlib: inflateInit2 failed");
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(bytes.size(), UINT32_MAX));
  std::string out;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (out.size() >= max_bytes) {
      inflateEnd(&zs);
      return absl::InvalidArgumentError(absl::StrCat("the ", what, " data unpacks to more than ",
                                                     max_bytes, " bytes"));
    }
    const size_t have = out.size();
    out.resize(have + (size_t{1} << 16));
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + have);
    zs.avail_out = static_cast<uInt>(out.size() - have);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(out.size() - zs.avail_out);
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      inflateEnd(&zs);
      return absl::InvalidArgumentError(absl::StrCat("truncated ", what, " data"));
    }
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      std::string msg = zs.msg != nullptr ? zs.msg : "error";
      inflateEnd(&zs);
      return absl::InvalidArgumentError(absl::StrCat("bad ", what, " data: ", msg));
    }
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace heapmap::report
