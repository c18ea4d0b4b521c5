// summaries/lowering.cc — `heapmap analyze`'s lowering: ir::LowerPackage on a checked package.
#include "summaries/lowering.h"

#include "absl/strings/str_cat.h"
#include "ir/ir.h"
#include "ir/lower.h"
#include "summaries/artifact.h"

namespace heapmap::summaries {

absl::StatusOr<ir::UnitList> LowerForAnalyze(const CheckedPackage& p, ir::LowerOptions options) {
  if (p.info == nullptr) return absl::InternalError("package was not type-checked");
  absl::StatusOr<ir::UnitList> lowered = ir::LowerPackage(*p.types_pkg, p.files, *p.info, options);
  if (!lowered.ok()) return lowered.status();
  ir::UnitList units = *std::move(lowered);
  for (const ir::FuncUnit& u : units) {
    if (absl::Status s = ir::Validate(u); !s.ok()) {
      std::string what = u.funcs_size() > 0 ? u.funcs(0).symbol() : "(empty unit)";
      return absl::InternalError(absl::StrCat("lowering produced invalid IR for ", what, ": ",
                                              s.message()));
    }
  }
  return units;
}

bool GenericSources::Add(CheckedPackage& p) {
  if (p.info == nullptr) return false;
  std::vector<std::pair<const types::Func*, ir::LowerOptions::GenericSource>> found;
  for (size_t i = 0; i < p.files.size(); i++) {
    for (syntax::Decl* d : p.files[i]->ast->decls) {
      auto* fd = syntax::DynCast<syntax::FuncDecl>(d);
      if (fd == nullptr || fd->name == nullptr || fd->body == nullptr ||
          !DeclaresGenericCode(*fd)) {
        continue;
      }
      auto it = p.info->defs.find(fd->name);
      auto* f = it != p.info->defs.end() ? types::DynCast<types::Func>(it->second) : nullptr;
      if (f == nullptr) continue;
      ir::LowerOptions::GenericSource g;
      g.pkg = p.types_pkg;
      g.info = p.info.get();
      g.file = p.files[i];
      g.decl = fd;
      // gc prints an imported generic's positions with the file's full name.
      g.display = p.files[i]->filename;
      found.emplace_back(f, std::move(g));
    }
  }
  if (found.empty()) return false;
  std::lock_guard<std::mutex> lock(mu_);
  infos_.push_back(std::move(p.info));
  for (auto& [f, g] : found) by_func_.emplace(f, std::move(g));
  return true;
}

const ir::LowerOptions::GenericSource* GenericSources::Find(const types::Func* origin) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_func_.find(origin);
  return it == by_func_.end() ? nullptr : &it->second;
}

}  // namespace heapmap::summaries
