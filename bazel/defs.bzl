"""heapmap's Bazel rules: gc's escape analysis as one action per Go package.

A minimal Go package target (go_package: import path, sources, deps) and an aspect
(heapmap_aspect) that runs `heapmap action` for each package target, from its sources and
the export files of its imports (direct and indirect), writing two files per package:

  NAME.heapmap.a   the whole artifact: the package's -m lines, its report, its summaries
  NAME.heapmap.x   what importers read (`-export`): it changes only when the package's API
                   does (or positions in it move), so an edited body reruns its own action
                   and only the importers whose inputs changed

Rules turn the artifacts into output: heapmap_escape (the -m lines, as `heapmap analyze`
prints them), heapmap_report (`heapmap report`), heapmap_dashboard (`heapmap dashboard` of
one scan). The same aspect attaches to rules_go's go_library (README.md, rules_go.bzl).
"""

GoPackageInfo = provider(
    doc = "A Go package: what the heapmap action needs to analyze it.",
    fields = {
        "importpath": "the package's import path",
        "srcs": "its .go files, selected for the build (build constraints applied)",
        "dependency": "True when analyzed as a dependency of the named packages (gc's " +
                      "-gcflags do not reach it: inlining on, -m=1, its lines not printed)",
        "dir": "its directory (absolute), where its sources are linked from, or empty",
        "tree": "the directory the scan stands for (absolute): names print relative to it",
    },
)

HeapmapInfo = provider(
    doc = "heapmap's artifacts of a package and of everything it imports.",
    fields = {
        "importpath": "the package's import path",
        "artifact": "its whole artifact (File)",
        "exports": "depset of the export files of it and its imports, direct and indirect",
        "named": "depset (postorder: imports first) of the whole artifacts of the named " +
                 "packages among it and its imports",
    },
)

MODES = ["-m", "-m -l", "-m=2", "-m=2 -l"]

# The heapmap binary, where `heapmap buildfiles` links it; change it where you copy this file.
HEAPMAP = "//_heapmap:heapmap"

_HEAPMAP_ATTR = attr.label(
    default = Label(HEAPMAP),
    executable = True,
    cfg = "exec",
    allow_single_file = True,
)

def _go_package_impl(ctx):
    return [
        GoPackageInfo(
            importpath = ctx.attr.importpath,
            srcs = ctx.files.srcs,
            dependency = ctx.attr.dependency,
            dir = ctx.attr.dir,
            tree = ctx.attr.tree,
        ),
        DefaultInfo(files = depset(ctx.files.srcs)),
    ]

go_package = rule(
    implementation = _go_package_impl,
    doc = "A Go package, as `go list` describes one: its import path, its .go files " +
          "(build constraints applied) and the packages it imports.",
    provides = [GoPackageInfo],
    attrs = {
        "importpath": attr.string(mandatory = True),
        "srcs": attr.label_list(allow_files = [".go"]),
        "deps": attr.label_list(providers = [GoPackageInfo]),
        "dependency": attr.bool(
            doc = "analyze it as a dependency of the named packages (`heapmap action -dep`)",
        ),
        "dir": attr.string(
            doc = "its directory, where its sources are linked from: the names its lines " +
                  "and importers print for its files (`heapmap action -srcdir`)",
        ),
        "tree": attr.string(
            doc = "the directory the scan stands for: file names print relative to it, as " +
                  "`heapmap analyze` run there prints them (`heapmap action -tree`)",
        ),
    },
)

def heapmap_package_action(ctx, heapmap, mode, importpath, srcs, dependency, deps, dir = "", tree = ""):
    """Runs `heapmap action` for one package; returns its HeapmapInfo.

    Args:
      ctx: the aspect's context (its label names the outputs).
      heapmap: the heapmap binary (File).
      mode: one of MODES: the -m level and -l.
      importpath: the package's import path.
      srcs: its .go files.
      dependency: analyze it as a dependency (-dep).
      deps: the HeapmapInfo of its direct imports.
      dir: its directory, if its sources are linked from one.
      tree: the directory the scan stands for, if not the execution root.
    """
    artifact = ctx.actions.declare_file(ctx.label.name + ".heapmap.a")
    export = ctx.actions.declare_file(ctx.label.name + ".heapmap.x")
    imports = depset(transitive = [d.exports for d in deps])
    args = ctx.actions.args()
    args.add("action")
    args.add_all(mode.split(" "))
    if dependency:
        args.add("-dep")
    if dir:
        args.add("-srcdir", dir)
    if tree:
        args.add("-tree", tree)
    args.add("-j", "1")  # Bazel runs the actions in parallel
    args.add("-p", importpath)
    args.add("-o", artifact)
    args.add("-export", export)
    args.add_all(imports, before_each = "-I")
    args.add_all(srcs)
    ctx.actions.run(
        executable = heapmap,
        arguments = [args],
        inputs = depset(srcs, transitive = [imports]),
        outputs = [artifact, export],
        mnemonic = "HeapmapAction",
        progress_message = "heapmap action %s" % importpath,
    )
    named = [] if dependency else [artifact]
    return HeapmapInfo(
        importpath = importpath,
        artifact = artifact,
        exports = depset([export], transitive = [d.exports for d in deps]),
        named = depset(named, transitive = [d.named for d in deps], order = "postorder"),
    )

def _heapmap_aspect_impl(target, ctx):
    info = target[GoPackageInfo]
    deps = [d[HeapmapInfo] for d in ctx.rule.attr.deps if HeapmapInfo in d]
    return [heapmap_package_action(
        ctx,
        ctx.executable._heapmap,
        ctx.attr.mode,
        info.importpath,
        info.srcs,
        info.dependency,
        deps,
        info.dir,
        info.tree,
    )]

heapmap_aspect = aspect(
    implementation = _heapmap_aspect_impl,
    doc = "Runs heapmap's per-package action for every go_package reached through deps.",
    attr_aspects = ["deps"],
    required_providers = [GoPackageInfo],
    attrs = {
        "mode": attr.string(values = MODES, default = "-m"),
        "_heapmap": _HEAPMAP_ATTR,
    },
)

_PACKAGES = {
    "packages": attr.label_list(
        aspects = [heapmap_aspect],
        providers = [GoPackageInfo],
        doc = "the packages to scan, in the order `heapmap analyze` would name them",
    ),
    "mode": attr.string(values = MODES, default = "-m"),
    "_heapmap": _HEAPMAP_ATTR,
}

def _named_artifacts(ctx):
    # Postorder over the packages in order: imports first, each package once, as
    # `heapmap analyze` (and `go list -deps`) orders them.
    return depset(
        transitive = [p[HeapmapInfo].named for p in ctx.attr.packages],
        order = "postorder",
    )

def _heapmap_group_impl(ctx):
    infos = [p[HeapmapInfo] for p in ctx.attr.packages]
    return [HeapmapInfo(
        importpath = None,
        artifact = None,
        exports = depset(transitive = [i.exports for i in infos]),
        named = depset(transitive = [i.named for i in infos], order = "postorder"),
    )]

heapmap_group = rule(
    implementation = _heapmap_group_impl,
    doc = "The packages as one HeapmapInfo (their export files and named artifacts): " +
          "for instance std, for the actions of packages whose rules do not name it " +
          "(rules_go_example/).",
    attrs = _PACKAGES,
)

def _run_on_named(ctx, command, flags, out, mnemonic):
    # `heapmap COMMAND FLAGS -o OUT` over the named packages' artifacts, in their order.
    named = _named_artifacts(ctx)
    args = ctx.actions.args()
    args.add(command)
    args.add_all(flags)
    args.add("-o", out)
    args.add_all(named)
    ctx.actions.run(
        executable = ctx.executable._heapmap,
        arguments = [args],
        inputs = named,
        outputs = [out],
        mnemonic = mnemonic,
        progress_message = "heapmap %s %s" % (command, ctx.label),
    )
    return [DefaultInfo(files = depset([out]))]

def _heapmap_escape_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".txt")
    return _run_on_named(ctx, "print", [], out, "HeapmapPrint")

heapmap_escape = rule(
    implementation = _heapmap_escape_impl,
    doc = "The -m lines of the named packages (NAME.txt), as `heapmap analyze MODE` prints them.",
    attrs = _PACKAGES,
)

def _heapmap_report_impl(ctx):
    ext = {"text": "txt", "json": "json", "sarif": "sarif"}[ctx.attr.format]
    out = ctx.actions.declare_file("%s.%s" % (ctx.label.name, ext))
    flags = ["-artifacts", "-format", ctx.attr.format, "-n", "0"]
    return _run_on_named(ctx, "report", flags, out, "HeapmapReport")

heapmap_report = rule(
    implementation = _heapmap_report_impl,
    doc = "The heap allocations of the named packages, ranked (`heapmap report`).",
    attrs = dict(_PACKAGES, format = attr.string(values = ["text", "json", "sarif"], default = "json")),
)

def _heapmap_dashboard_impl(ctx):
    out = ctx.actions.declare_directory(ctx.label.name)
    db = ctx.actions.declare_file(ctx.label.name + ".db")
    args = ctx.actions.args()
    args.add(ctx.executable._heapmap)
    args.add(db)
    args.add(out.path)
    args.add(ctx.label.name)
    args.add_all(_named_artifacts(ctx))

    # One action: Bazel makes outputs read-only, and SQLite opens a database for writing
    # (its journal) even to read it.
    ctx.actions.run_shell(
        command = 'heapmap=$1 db=$2 out=$3 label=$4; shift 4; ' +
                  '"$heapmap" scan -q -artifacts -db "$db" -label "$label" "$@" >/dev/null && ' +
                  '"$heapmap" dashboard -db "$db" -o "$out"',
        arguments = [args],
        inputs = _named_artifacts(ctx),
        tools = [ctx.executable._heapmap],
        outputs = [out, db],
        mnemonic = "HeapmapDashboard",
        progress_message = "heapmap dashboard %s" % ctx.label,
    )
    return [DefaultInfo(files = depset([out, db]))]

heapmap_dashboard = rule(
    implementation = _heapmap_dashboard_impl,
    doc = "The dashboard of the named packages' report (NAME/index.html) and its database " +
          "(NAME.db, one scan).",
    attrs = _PACKAGES,
)
