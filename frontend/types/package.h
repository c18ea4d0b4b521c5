// frontend/types/package.h — a Go package as the type checker sees it; owner of the package's arena.
//
// Port of types2/package.go (Go 1.19). A Package owns the Arena in which its checker
// allocates every type, object and scope of the package (and instances it creates), so a
// Package must outlive every package that imports it — in practice, all Packages of a run
// live until the end. Once MarkComplete() has been called (by the checker, when it is
// done) the package and everything in its arena is read-only, and other threads may use it
// (the lazily expanded parts are internally synchronized; see type.h).
#ifndef HEAPMAP_FRONTEND_TYPES_PACKAGE_H_
#define HEAPMAP_FRONTEND_TYPES_PACKAGE_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "frontend/types/typearena.h"

namespace heapmap::types {

class Context;
class Scope;

class Package {
 public:
  // Creates the package and its scope (whose parent is the universe).
  Package(std::string path, std::string name);
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;
  ~Package();

  const std::string& path() const { return path_; }
  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }
  // The package scope: package-level objects (not imported package names; those live in
  // file scopes).
  Scope* scope() const { return scope_; }
  // Directly imported packages, in source order of first import (types2's Imports).
  const std::vector<Package*>& imports() const { return imports_; }
  void set_imports(std::vector<Package*> imports) { imports_ = std::move(imports); }
  // All types, objects and scopes of the package are allocated here.
  Arena& arena() { return *arena_; }
  // File names, indexed by Object::file().
  const std::vector<std::string>& files() const { return files_; }
  void set_files(std::vector<std::string> files) { files_ = std::move(files); }

  bool complete() const { return complete_.load(std::memory_order_acquire); }
  void MarkComplete() { complete_.store(true, std::memory_order_release); }
  // Set for packages created for missing imports (error recovery).
  bool fake() const { return fake_; }
  void set_fake(bool f) { fake_ = f; }

  // "package name (\"path\")", as types2.
  std::string String() const;

  // The instance table of a package checked without a shared Context
  // (CheckConfig::context): created on first use, it lives as long as the package, whose
  // instances keep using it when they expand lazily.
  Context* OwnContext();

 private:
  std::unique_ptr<Context> own_context_;
  std::string path_;
  std::string name_;
  std::unique_ptr<Arena> arena_;
  Scope* scope_;
  std::vector<Package*> imports_;
  std::vector<std::string> files_;
  std::atomic<bool> complete_{false};
  bool fake_ = false;
};

}  // namespace heapmap::types

#endif  // HEAPMAP_FRONTEND_TYPES_PACKAGE_H_
