// summaries/cache.cc — directory cache of batch results: checksummed entries, atomic renames.
#include "summaries/cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "ir/ir.h"
#include "openssl/sha.h"

namespace heapmap::summaries {
namespace {

constexpr absl::string_view kMagic = kBatchMagic;
constexpr size_t kSumBytes = SHA256_DIGEST_LENGTH;

std::string Sha256Raw(absl::string_view bytes) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), md);
  return std::string(reinterpret_cast<const char*>(md), sizeof md);
}

bool IsHexKey(absl::string_view key) {
  if (key.size() != 64) return false;
  for (char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// mkdir -p; true if the directory exists afterwards.
bool MakeDirs(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0 && !MakeDirs(path.substr(0, slash))) return false;
  return ::mkdir(path.c_str(), 0777) == 0 || errno == EEXIST;
}

bool WriteAll(int fd, absl::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

std::string Sha256Hex(absl::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string raw = Sha256Raw(bytes), out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string Cache::EntryPath(absl::string_view key) const {
  return absl::StrCat(dir_, "/v1/", key.substr(0, 2), "/", key);
}

std::string Cache::DefaultDir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x == '/') {
    return absl::StrCat(x, "/heapmap");
  }
  if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0') {
    return absl::StrCat(h, "/.cache/heapmap");
  }
  return "";
}

std::optional<std::string> Cache::GetPayload(absl::string_view magic, absl::string_view key,
                                             CacheStats* stats) const {
  if (!IsHexKey(key)) {
    if (stats) stats->misses.fetch_add(1);
    return std::nullopt;
  }
  const std::string path = EntryPath(key);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (stats) stats->misses.fetch_add(1);
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string data = std::move(buf).str();
  if (data.size() < magic.size() + kSumBytes ||
      absl::string_view(data).substr(0, magic.size()) != magic) {
    if (stats) stats->Corrupt();
    return std::nullopt;
  }
  absl::string_view sum = absl::string_view(data).substr(magic.size(), kSumBytes);
  absl::string_view payload = absl::string_view(data).substr(magic.size() + kSumBytes);
  if (Sha256Raw(payload) != sum) {
    if (stats) stats->Corrupt();
    return std::nullopt;
  }
  // Touched on use: `heapmap cache trim` removes the least recently used entries first.
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
  return std::string(payload);
}

void Cache::PutPayload(absl::string_view magic, absl::string_view key, absl::string_view payload,
                       CacheStats* stats) const {
  auto fail = [&] {
    if (stats) stats->write_errors.fetch_add(1);
  };
  if (!IsHexKey(key)) return fail();
  const std::string path = EntryPath(key);
  const std::string dir = path.substr(0, path.rfind('/'));
  if (!MakeDirs(dir)) return fail();
  // Unique per process and thread: concurrent writers of the same key never share a temp file.
  const std::string tmp = absl::StrCat(
      path, ".tmp.", ::getpid(), ".", std::hash<std::thread::id>{}(std::this_thread::get_id()));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return fail();
  bool ok = WriteAll(fd, magic) && WriteAll(fd, Sha256Raw(payload)) && WriteAll(fd, payload);
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return fail();
  }
  if (stats) stats->writes.fetch_add(1);
}

namespace {

// Every file under DIR/v1/<xx>/: entries (64 hex digits) and writers' temporaries.
struct CacheFile {
  std::string path;
  int64_t bytes = 0;
  std::filesystem::file_time_type mtime;
  bool temp = false;
};

std::vector<CacheFile> ListFiles(const std::string& dir) {
  std::vector<CacheFile> files;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir + "/v1", ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec)) continue;
    CacheFile f;
    f.path = it->path().string();
    std::string name = it->path().filename().string();
    f.temp = name.find(".tmp.") != std::string::npos;
    if (!f.temp && !IsHexKey(name)) continue;  // not ours
    f.bytes = static_cast<int64_t>(it->file_size(fec));
    f.mtime = it->last_write_time(fec);
    files.push_back(std::move(f));
  }
  return files;
}

}  // namespace

Cache::Usage Cache::Measure() const {
  Usage u;
  for (const CacheFile& f : ListFiles(dir_)) {
    if (f.temp) {
      ++u.temp_files;
    } else {
      ++u.entries;
      u.bytes += f.bytes;
    }
  }
  return u;
}

int64_t Cache::Trim(int64_t max_bytes) const {
  std::vector<CacheFile> files = ListFiles(dir_);
  const auto stale = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
  int64_t total = 0, removed = 0;
  std::vector<const CacheFile*> entries;
  for (const CacheFile& f : files) {
    if (f.temp) {
      if (f.mtime < stale) ::unlink(f.path.c_str());
      continue;
    }
    total += f.bytes;
    entries.push_back(&f);
  }
  std::sort(entries.begin(), entries.end(), [](const CacheFile* a, const CacheFile* b) {
    return a->mtime != b->mtime ? a->mtime < b->mtime : a->path < b->path;
  });
  for (const CacheFile* f : entries) {
    if (total <= max_bytes) break;
    if (::unlink(f->path.c_str()) == 0) ++removed;
    total -= f->bytes;
  }
  return removed;
}

void Cache::TrimDaily(int64_t max_bytes) const {
  const std::string stamp = dir_ + "/trimmed";
  struct stat st;
  if (::stat(stamp.c_str(), &st) == 0 && std::time(nullptr) - st.st_mtime < 24 * 3600) return;
  if (!MakeDirs(dir_)) return;
  int fd = ::open(stamp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return;  // read-only: nobody trims
  ::close(fd);
  Trim(max_bytes);
}

int64_t Cache::Clean() const {
  int64_t removed = 0;
  for (const CacheFile& f : ListFiles(dir_)) {
    if (::unlink(f.path.c_str()) == 0 && !f.temp) ++removed;
  }
  return removed;
}

std::optional<summary::BatchResult> Cache::Get(absl::string_view key, CacheStats* stats) const {
  std::optional<std::string> payload = GetPayload(kMagic, key, stats);
  if (!payload) return std::nullopt;
  summary::BatchResult result;
  if (!result.ParseFromString(*payload)) {
    if (stats) stats->Corrupt();
    return std::nullopt;
  }
  if (stats) stats->hits.fetch_add(1);
  return result;
}

void Cache::Put(absl::string_view key, const summary::BatchResult& result,
                CacheStats* stats) const {
  PutPayload(kMagic, key, ir::SerializeDeterministic(result), stats);
}

}  // namespace heapmap::summaries
