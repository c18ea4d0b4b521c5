// driver/inline_facts.cc — see inline_facts.h.
#include "driver/inline_facts.h"

#include <algorithm>
#include <utility>

namespace heapmap::driver {
std::vector<const ir::InlineLine*> SortedLines(const ir::PackageInlining& result) {
  std::vector<const ir::InlineLine*> sorted;
  for (const ir::InlineLine& l : result.lines) sorted.push_back(&l);
  std::stable_sort(sorted.begin(), sorted.end(), [](const ir::InlineLine* a, const ir::InlineLine* b) {
    return a->file != b->file ? a->file < b->file : a->pos < b->pos;
  });
  return sorted;
}

const ir::PackageInlining& InlineFacts::Add(const std::string& path, ir::PackageInlining result,
                                            std::vector<ir::FuncUnit> bodies,
                                            std::vector<ir::FuncUnit> foreign) {
  auto e = std::make_unique<Entry>();
  e->result = std::move(result);
  for (const ir::InlineFunc& f : e->result.funcs) e->by_symbol[f.symbol()] = &f;
  e->bodies = std::move(bodies);
  for (const ir::FuncUnit& u : e->bodies) {
    if (u.funcs_size() > 0) e->body_by_symbol[u.funcs(0).symbol()] = &u;
  }
  e->foreign = std::move(foreign);
  for (const ir::FuncUnit& u : e->foreign) {
    if (u.funcs_size() > 0) e->foreign_by_symbol[u.funcs(0).symbol()] = &u;
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = by_path_[path];
  slot = std::move(e);
  return slot->result;
}

const ir::PackageInlining* InlineFacts::Find(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : &it->second->result;
}

const InlineFacts::Entry* InlineFacts::EntryOf(std::string_view symbol) const {
  auto it = by_path_.find(std::string(ir::SymbolPackage(symbol)));
  return it == by_path_.end() ? nullptr : it->second.get();
}

ir::InlineOptions InlineFacts::Options(int m, std::vector<std::string> display_names) const {
  ir::InlineOptions options;
  options.m = m;
  options.display_names = std::move(display_names);
  options.imported = [this](std::string_view symbol) -> const ir::InlineFunc* {
    std::lock_guard<std::mutex> lock(mu_);
    const Entry* e = EntryOf(symbol);
    if (e == nullptr) return nullptr;
    auto it = e->by_symbol.find(std::string(symbol));
    return it == e->by_symbol.end() ? nullptr : it->second;
  };
  options.imported_devirt = [this](std::string_view symbol) -> types::Type* {
    std::lock_guard<std::mutex> lock(mu_);
    const Entry* e = EntryOf(symbol);
    if (e == nullptr) return nullptr;
    auto it = e->result.devirt.find(std::string(symbol));
    return it == e->result.devirt.end() ? nullptr : it->second;
  };
  options.imported_package = [this](std::string_view path) -> const std::vector<ir::InlineFunc>* {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_path_.find(std::string(path));
    return it == by_path_.end() ? nullptr : &it->second->result.funcs;
  };
  return options;
}

ir::InlineBody InlineFacts::Body(std::string_view symbol, const std::string& caller) const {
  std::lock_guard<std::mutex> lock(mu_);
  ir::InlineBody out;
  auto pt = by_path_.find(std::string(ir::SymbolPackage(symbol)));
  if (pt == by_path_.end()) return out;
  const Entry* e = pt->second.get();
  std::string key(symbol);
  if (auto it = e->by_symbol.find(key); it != e->by_symbol.end()) out.facts = it->second;
  const auto& bodies = pt->first == caller ? e->body_by_symbol : e->foreign_by_symbol;
  if (auto it = bodies.find(key); it != bodies.end()) out.unit = it->second;
  return out;
}

}  // namespace heapmap::driver
