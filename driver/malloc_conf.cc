// driver/malloc_conf.cc — jemalloc's settings for the heapmap binary, read when the
// allocator starts (its documented `malloc_conf` symbol).
//
// heapmap makes many small allocations that live until the package is done (syntax
// trees, types, IR); with 4 KiB pages a third of a std scan went to page faults. Backing
// the heap with transparent huge pages (where the kernel offers them: THP "madvise" or
// "always") cuts `analyze -m std` from 2.5 s to 1.5 s on 2 cores (bench/RESULTS.md).
// Linked only into the heapmap binary, and not into sanitizer builds (ASan brings its own
// allocator).
extern "C" {
const char* malloc_conf = "thp:always,metadata_thp:always";
}
