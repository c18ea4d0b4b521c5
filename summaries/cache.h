// summaries/cache.h — a content-addressed directory cache of batch results (proto/summary.proto).
//
// Layout: DIR/v1/<first two hex digits>/<64 hex digits of the key>. An entry is
// "heapmap-summary-cache 1\n", the SHA-256 of the payload (32 bytes), then the payload: the
// deterministic bytes of a summary::BatchResult. Writers write a temporary file in the same
// directory and rename it over the entry, so concurrent writers (threads or processes) and
// crashes never leave a torn entry under the final name; a reader that still finds a bad
// entry (wrong magic, short, checksum mismatch, unparsable) treats it as a miss. Only Trim
// and Clean delete; removing the directory is always safe.
#ifndef HEAPMAP_SUMMARIES_CACHE_H_
#define HEAPMAP_SUMMARIES_CACHE_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "proto/summary.pb.h"

namespace heapmap::summaries {

// The magic line of batch result entries.
inline constexpr char kBatchMagic[] = "heapmap-summary-cache 1\n";

struct CacheStats {
  std::atomic<int64_t> hits{0};
  std::atomic<int64_t> misses{0};         // absent entries
  std::atomic<int64_t> corrupt{0};        // present but unusable (counted as misses too)
  std::atomic<int64_t> writes{0};
  std::atomic<int64_t> write_errors{0};   // a failed write only costs a future recomputation
  void Corrupt() {
    corrupt.fetch_add(1);
    misses.fetch_add(1);
  }
};

class Cache {
 public:
  // `dir` need not exist; it is created on the first write.
  explicit Cache(std::string dir) : dir_(std::move(dir)) {}

  // The entry for `key` (64 hex digits), or nullopt on a miss or a corrupt entry.
  std::optional<summary::BatchResult> Get(absl::string_view key, CacheStats* stats) const;

  // Stores `result` under `key`. Errors (read-only directory, full disk) are counted, not
  // fatal.
  void Put(absl::string_view key, const summary::BatchResult& result, CacheStats* stats) const;

  // The payload of an entry that starts with `magic` (each kind of entry has its own), or
  // nullopt on a miss or a bad entry (counted in stats; a hit is the caller's to count,
  // once it has parsed the payload). Reading an entry marks it used (its mtime).
  std::optional<std::string> GetPayload(absl::string_view magic, absl::string_view key,
                                        CacheStats* stats) const;
  void PutPayload(absl::string_view magic, absl::string_view key, absl::string_view payload,
                  CacheStats* stats) const;

  // What the cache holds: entries (and their bytes), and temporary files of writers.
  struct Usage {
    int64_t entries = 0, bytes = 0, temp_files = 0;
  };
  Usage Measure() const;
  // Removes the least recently used entries (oldest modification time: reads touch
  // entries) until the entries hold at most `max_bytes`, and temporary files older than
  // an hour (a writer that died). Returns the entries removed. A reader racing with it
  // sees a miss, never a torn entry (entries are replaced and removed by rename/unlink).
  int64_t Trim(int64_t max_bytes) const;
  // Trim, at most once a day (DIR/trimmed records the last time): what a scan calls.
  void TrimDaily(int64_t max_bytes) const;
  // Removes every entry and temporary file. Returns the entries removed.
  int64_t Clean() const;

  // The file that holds `key` (tests corrupt it on purpose).
  std::string EntryPath(absl::string_view key) const;

  const std::string& dir() const { return dir_; }

  // $XDG_CACHE_HOME/heapmap, else $HOME/.cache/heapmap; "" if neither variable is set.
  static std::string DefaultDir();

 private:
  std::string dir_;
};

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(absl::string_view bytes);

}  // namespace heapmap::summaries

#endif  // HEAPMAP_SUMMARIES_CACHE_H_
