// frontend/types/package.cc — packages.
#include "frontend/types/package.h"

#include "frontend/types/context.h"

#include "frontend/types/scope.h"
#include "frontend/types/universe.h"

namespace heapmap::types {

Scope* UniverseScopeNoInit();  // universe.cc

Package::Package(std::string path, std::string name)
    : path_(std::move(path)), name_(std::move(name)), arena_(std::make_unique<Arena>()) {
  scope_ = arena_->New<Scope>(UniverseScopeNoInit(), syntax::Pos{}, syntax::Pos{}, "package " + path_);
}

Package::~Package() = default;

Context* Package::OwnContext() {
  if (own_context_ == nullptr) own_context_ = std::make_unique<Context>();
  return own_context_.get();
}

std::string Package::String() const { return "package " + name_ + " (\"" + path_ + "\")"; }

}  // namespace heapmap::types
