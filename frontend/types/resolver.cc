// frontend/types/resolver.cc — package-level objects: file scopes, imports, declarations, methods (types2 resolver.go).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "frontend/syntax/literal.h"
#include "frontend/types/checker_impl.h"

namespace heapmap::types {

void Checker::InitFiles() {
  // The package name is the first file's; files with another name are reported and skipped
  // (types2 initFiles).
  std::string name;
  std::vector<const syn::ParsedFile*> kept;
  for (size_t i = 0; i < files_.size(); ++i) {
    const syn::ParsedFile* f = files_[i];
    if (f->ast == nullptr || f->ast->pkg_name == nullptr) continue;
    std::string_view n = f->ast->pkg_name->value;
    if (name.empty()) {
      if (n == "_") {
        env_.file = static_cast<int>(i);
        Error(f->ast->pkg_name, "invalid package name _");
      } else {
        name = std::string(n);
      }
    } else if (n != name) {
      env_.file = static_cast<int>(i);
      Error(f->ast->pkg_name,
            Cat("package ", n, "; expected ", name));
    }
  }
  if (!name.empty() && pkg_->name().empty()) pkg_->set_name(name);
  if (!name.empty() && pkg_->name() != name) pkg_->set_name(name);
  std::vector<std::string> names;
  for (const syn::ParsedFile* f : files_) names.push_back(f->filename);
  pkg_->set_files(std::move(names));
  env_.file = -1;
}

void Checker::Declare(Scope* scope, syn::Name* id, Object* obj, syn::Pos scope_pos) {
  if (!IsBlank(obj->name())) {
    if (Object* alt = scope->Insert(obj); alt != nullptr) {
      Error(id != nullptr ? static_cast<syn::Node*>(id) : nullptr,
            Cat(obj->name(), " redeclared in this block"));
      RecordDef(id, obj);
      return;
    }
    obj->set_scope_pos(scope_pos);
  }
  if (obj->file() < 0) obj->set_file(env_.file);
  if (id != nullptr) RecordDef(id, obj);
}

void Checker::DeclarePkgObj(syn::Name* id, Object* obj, DeclInfo* d) {
  if (id->value == "init") {
    Error(id, "cannot declare init - must be func");
    return;
  }
  if (id->value == "main" && pkg_->name() == "main") {
    Error(id, "cannot declare main - must be func");
    return;
  }
  Declare(pkg_->scope(), id, obj, syn::Pos{});
  obj_map_[obj] = d;
  obj->set_order(static_cast<uint32_t>(obj_map_.size()));
}

Package* Checker::ImportPackage(syn::BasicLit* path_lit, std::string* path_out) {
  std::string path;
  if (path_lit != nullptr && path_lit->lit_kind == syn::LitKind::kString) {
    constant::Value v = constant::MakeFromLiteral(path_lit->value, constant::LiteralKind::kString);
    if (v.kind() == constant::Kind::kString) path = constant::StringVal(v);
  }
  *path_out = path;
  if (path.empty()) {
    Error(path_lit, "invalid import path (empty string)");
    return nullptr;
  }
  if (path == "unsafe") return Unsafe();
  if (auto it = imp_map_.find(path); it != imp_map_.end()) return it->second;
  Package* imp = config_.importer ? config_.importer(path) : nullptr;
  if (imp == nullptr) {
    Error(path_lit, Cat("could not import ", path, " (package not found)"));
    // A fake package keeps later references quiet (types2 does the same).
    std::string name = path;
    if (size_t slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
    imp = New<Package>(path, name);
    imp->set_fake(true);
    imp->MarkComplete();
  }
  imp_map_[path] = imp;
  return imp;
}

namespace {

// types2 unpackRecv: strips parentheses, one '*' (reporting it in ptr) and type
// parameters from a receiver type expression.
syn::Expr* UnpackRecv(syn::Expr* rtyp, bool* ptr) {
  *ptr = false;
  for (;;) {
    rtyp = syn::Unparen(rtyp);
    if (auto* u = syn::DynCast<syn::UnaryExpr>(rtyp); u != nullptr && u->op == syn::Operator::kMul) {
      *ptr = true;
      rtyp = u->x;
      continue;
    }
    break;
  }
  if (auto* ix = syn::DynCast<syn::IndexExpr>(rtyp)) rtyp = syn::Unparen(ix->x);
  return rtyp;
}

}  // namespace

std::pair<bool, TypeName*> Checker::ResolveBaseTypeName(bool seen_ptr, syn::Expr* typ,
                                                        Scope* file_scope) {
  (void)file_scope;
  bool ptr = seen_ptr;
  absl::flat_hash_set<TypeName*> seen;
  for (;;) {
    typ = syn::Unparen(typ);
    if (auto* u = syn::DynCast<syn::UnaryExpr>(typ); u != nullptr && u->op == syn::Operator::kMul) {
      if (ptr) return {false, nullptr};
      ptr = true;
      typ = syn::Unparen(u->x);
    }
    auto* n = syn::DynCast<syn::Name>(typ);
    if (n == nullptr) return {false, nullptr};
    auto* tname = DynCast<TypeName>(pkg_->scope()->Lookup(n->value));
    if (tname == nullptr || seen.contains(tname)) return {false, nullptr};
    auto it = obj_map_.find(tname);
    if (it == obj_map_.end() || it->second->tdecl == nullptr) return {false, nullptr};
    syn::TypeSpec* tdecl = it->second->tdecl;
    if (!tdecl->alias) return {ptr, tname};
    typ = tdecl->type;
    seen.insert(tname);
  }
}

void Checker::CollectObjects() {
  struct MethodInfo {
    Func* obj;
    bool ptr;
    syn::Expr* recv;
    Scope* file_scope;
  };
  std::vector<MethodInfo> methods;
  absl::flat_hash_set<Package*> seen_imports;
  std::vector<Package*> imports;

  for (size_t fi = 0; fi < files_.size(); ++fi) {
    const syn::ParsedFile* pf = files_[fi];
    syn::File* file = pf->ast;
    env_.file = static_cast<int>(fi);
    if (file == nullptr) {
      file_scopes_.push_back(nullptr);
      continue;
    }
    RecordDef(file->pkg_name, nullptr);
    Scope* file_scope = New<Scope>(pkg_->scope(), syn::Pos{1, 1}, file->eof,
                                   Cat("file ", pf->filename));
    file_scopes_.push_back(file_scope);
    RecordScope(file, file_scope);

    for (syn::Decl* decl : file->decls) {
      if (auto* gd = syn::DynCast<syn::GenDecl>(decl)) {
        // For const groups: the last spec with values, inherited by later specs.
        syn::ValueSpec* last = nullptr;
        for (syn::Spec* spec : gd->specs) {
          switch (spec->kind) {
            case syn::NodeKind::kImportSpec: {
              auto* s = static_cast<syn::ImportSpec*>(spec);
              std::string path;
              Package* imp = ImportPackage(s->path, &path);
              if (imp == nullptr) continue;
              std::string name = imp->name();
              if (s->name != nullptr) {
                name = std::string(s->name->value);
                if (path == "C") {
                  Error(s->name, "cannot rename import \"C\"");
                  continue;
                }
              }
              if (name == "init") {
                Error(s, "cannot import package as init - init must be a func");
                continue;
              }
              if (seen_imports.insert(imp).second) imports.push_back(imp);
              auto* pkg_name = New<PkgName>(s->pos, pkg_, name, imp);
              pkg_name->set_file(static_cast<int>(fi));
              if (s->name != nullptr) {
                RecordDef(s->name, pkg_name);
              } else {
                RecordImplicit(s, pkg_name);
              }
              if (imp->fake()) pkg_name->set_used(true);  // avoid follow-up errors
              pkg_names_.push_back(pkg_name);
              if (name == ".") {
                // Dot import: merge imported scope with file scope.
                Scope* ps = imp->scope();
                for (std::string_view n : ps->Names()) {
                  Object* obj = ps->Lookup(n);
                  if (obj->Exported()) {
                    if (Object* alt = file_scope->Insert(obj); alt != nullptr) {
                      Error(s, Cat(obj->name(), " redeclared in this block"));
                    }
                  }
                }
                dot_imports_[file_scope].push_back(pkg_name);
              } else {
                Declare(file_scope, nullptr, pkg_name, syn::Pos{});
              }
              break;
            }
            case syn::NodeKind::kValueSpec: {
              auto* s = static_cast<syn::ValueSpec*>(spec);
              if (gd->tok == syn::Token::kConst) {
                syn::Expr* typ = s->type;
                syn::Span<syn::Expr*> values = s->values;
                bool inherited = false;
                if (typ != nullptr || !values.empty()) {
                  last = s;
                } else if (last != nullptr) {
                  typ = last->type;
                  values = last->values;
                  inherited = true;
                }
                for (uint32_t i = 0; i < s->names.size(); ++i) {
                  syn::Name* name = s->names[i];
                  auto* obj = New<Const>(name->pos, pkg_, std::string(name->value), nullptr,
                                         constant::Value());
                  obj->set_file(static_cast<int>(fi));
                  syn::Expr* init = i < values.size() ? values[i] : nullptr;
                  auto d = std::make_unique<DeclInfo>();
                  d->file_scope = file_scope;
                  d->file = static_cast<int>(fi);
                  d->vtyp = typ;
                  d->init = init;
                  d->inherited = inherited;
                  d->iota = s->iota;
                  DeclarePkgObj(name, obj, d.get());
                  decl_infos_.push_back(std::move(d));
                }
                if (s->names.size() < values.size() && !inherited) {
                  Error(values[s->names.size()], "extra init expr");
                } else if (s->names.size() > values.size() && values.empty() == false &&
                           !inherited) {
                  Error(s->names[values.size()], "missing init expr for const declaration");
                } else if (values.empty() && typ == nullptr && last == nullptr) {
                  Error(s->names[0], "missing init expr for const declaration");
                }
              } else {
                std::vector<Var*> lhs;
                for (syn::Name* name : s->names) {
                  auto* v = New<Var>(VarKind::kPackage, name->pos, pkg_, std::string(name->value),
                                     nullptr);
                  v->set_file(static_cast<int>(fi));
                  lhs.push_back(v);
                }
                DeclInfo* d1 = nullptr;
                if (s->values.size() == 1 && s->names.size() > 1) {
                  auto d = std::make_unique<DeclInfo>();
                  d->file_scope = file_scope;
                  d->file = static_cast<int>(fi);
                  d->lhs = lhs;
                  d->vtyp = s->type;
                  d->init = s->values[0];
                  d1 = d.get();
                  decl_infos_.push_back(std::move(d));
                }
                for (uint32_t i = 0; i < s->names.size(); ++i) {
                  DeclInfo* d = d1;
                  if (d == nullptr) {
                    auto nd = std::make_unique<DeclInfo>();
                    nd->file_scope = file_scope;
                    nd->file = static_cast<int>(fi);
                    nd->vtyp = s->type;
                    if (i < s->values.size()) nd->init = s->values[i];
                    d = nd.get();
                    decl_infos_.push_back(std::move(nd));
                  }
                  DeclarePkgObj(s->names[i], lhs[i], d);
                }
                if (s->values.size() > 1 && s->values.size() != s->names.size()) {
                  if (s->names.size() < s->values.size()) {
                    Error(s->values[s->names.size()], "extra init expr");
                  } else {
                    Error(s->names[s->values.size()], "missing init expr for variable declaration");
                  }
                } else if (s->type == nullptr && s->values.empty()) {
                  // syntax error, reported by the parser
                }
              }
              break;
            }
            case syn::NodeKind::kTypeSpec: {
              auto* s = static_cast<syn::TypeSpec*>(spec);
              if (s->name == nullptr) break;
              auto* obj = New<TypeName>(s->name->pos, pkg_, std::string(s->name->value), nullptr);
              obj->set_file(static_cast<int>(fi));
              auto d = std::make_unique<DeclInfo>();
              d->file_scope = file_scope;
              d->file = static_cast<int>(fi);
              d->tdecl = s;
              DeclarePkgObj(s->name, obj, d.get());
              decl_infos_.push_back(std::move(d));
              break;
            }
            default:
              break;
          }
        }
      } else if (auto* fd = syn::DynCast<syn::FuncDecl>(decl)) {
        if (fd->name == nullptr) continue;
        std::string name(fd->name->value);
        auto* obj = New<Func>(fd->name->pos, pkg_, name, nullptr);
        obj->set_file(static_cast<int>(fi));
        bool has_tparams = !fd->tparams.empty();
        if (fd->recv == nullptr) {
          if (name == "init" || (name == "main" && pkg_->name() == "main")) {
            if (has_tparams) Error(fd->name, Cat("func ", name, " must have no type parameters"));
            if (fd->type != nullptr && (!fd->type->params.empty() || !fd->type->results.empty())) {
              Error(fd->name, Cat("func ", name, " must have no arguments and no return values"));
            }
          }
          if (name == "init") {
            obj->set_parent(pkg_->scope());
            RecordDef(fd->name, obj);
            if (fd->body == nullptr) Error(fd->name, "missing function body");
          } else {
            Declare(pkg_->scope(), fd->name, obj, syn::Pos{});
          }
        } else {
          bool ptr = false;
          syn::Expr* recv = fd->recv->type != nullptr ? UnpackRecv(fd->recv->type, &ptr) : nullptr;
          if (recv != nullptr && syn::Isa<syn::Name>(recv) && name != "_") {
            methods.push_back(MethodInfo{obj, ptr, recv, file_scope});
          }
          RecordDef(fd->name, obj);
        }
        auto d = std::make_unique<DeclInfo>();
        d->file_scope = file_scope;
        d->file = static_cast<int>(fi);
        d->fdecl = fd;
        obj_map_[obj] = d.get();
        obj->set_order(static_cast<uint32_t>(obj_map_.size()));
        decl_infos_.push_back(std::move(d));
      }
    }
  }

  // Package-level objects and imported names must not collide (types2).
  for (size_t fi = 0; fi < file_scopes_.size(); ++fi) {
    Scope* fs = file_scopes_[fi];
    if (fs == nullptr) continue;
    env_.file = static_cast<int>(fi);
    for (std::string_view n : fs->Names()) {
      Object* alt = pkg_->scope()->Lookup(n);
      if (alt == nullptr) continue;
      Object* obj = fs->Lookup(n);
      if (auto* pn = DynCast<PkgName>(obj)) {
        ErrorAt(alt->pos(), Cat(alt->name(), " already declared through import of ",
                                         pn->imported()->String()));
      } else {
        ErrorAt(alt->pos(), Cat(alt->name(), " already declared through dot-import of ",
                                         ObjStr(obj)));
      }
    }
  }

  for (MethodInfo& m : methods) {
    auto [ptr, base] = ResolveBaseTypeName(m.ptr, m.recv, m.file_scope);
    if (base != nullptr) {
      m.obj->set_has_ptr_recv(ptr);
      methods_[base].push_back(m.obj);
    }
  }
  pkg_->set_imports(std::move(imports));
  env_.file = -1;
}

void Checker::PackageObjects() {
  std::vector<Object*> list;
  list.reserve(obj_map_.size());
  for (auto& [obj, d] : obj_map_) list.push_back(obj);
  std::sort(list.begin(), list.end(),
            [](Object* a, Object* b) { return a->order() < b->order(); });
  std::vector<Object*> aliases, others;
  for (Object* obj : list) {
    if (auto* tn = DynCast<TypeName>(obj)) {
      if (obj_map_[tn]->tdecl->alias) {
        aliases.push_back(obj);
      } else {
        ObjDecl(obj, nullptr);
      }
    } else {
      others.push_back(obj);
    }
  }
  for (Object* obj : aliases) ObjDecl(obj, nullptr);
  for (Object* obj : others) ObjDecl(obj, nullptr);
  methods_.clear();
}

void Checker::UnusedImports() {
  if (config_.ignore_func_bodies) return;
  for (PkgName* pn : pkg_names_) {
    if (pn->used() || pn->name() == "_") continue;
    env_.file = pn->file();
    const std::string& path = pn->imported()->path();
    std::string elem = path;
    if (size_t slash = elem.rfind('/'); slash != std::string::npos) elem = elem.substr(slash + 1);
    if (pn->name() == "." ) {
      ErrorAt(pn->pos(), Cat("\"", path, "\" imported and not used"), true);
    } else if (pn->name() != elem) {
      ErrorAt(pn->pos(), Cat("\"", path, "\" imported as ", pn->name(), " and not used"),
              true);
    } else {
      ErrorAt(pn->pos(), Cat("\"", path, "\" imported and not used"), true);
    }
  }
}

}  // namespace heapmap::types
