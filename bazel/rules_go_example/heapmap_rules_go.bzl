"""heapmap's per-package action attached to rules_go's go_library through an aspect.

An example, not tested here (rules_go cannot be fetched on the machines heapmap is built
on): it shows where the facts come from; heapmap_package_action (../defs.bzl) is the same
action the go_package targets run. Copy this file and defs.bzl into your repository (say
tools/heapmap/, with the heapmap binary exported as //tools/heapmap:heapmap, and set
HEAPMAP in defs.bzl to that label), then:

    bazel build //... \
      --aspects=//tools/heapmap:heapmap_rules_go.bzl%heapmap_go_aspect \
      --output_groups=heapmap

runs one heapmap action per go_library, and
    heapmap print $(find bazel-bin -name '*.heapmap.a' | sort)
prints the -m lines (or use heapmap_go_escape below for the order `heapmap analyze` uses).

Where the facts come from:
  - import path and sources: GoArchive.data.importpath and GoArchive.data.srcs (the .go
    files rules_go compiles, build constraints applied: the action needs no tags);
  - imports: the aspect propagates along `deps` (and `embed`), as the Go rules do;
  - the standard library has no go_library targets: its packages are go_package targets
    written once by `heapmap buildfiles -o third_party/gostd std` (run in GOROOT/src; its
    root package has an //:all target, a heapmap_group of them all, which the _std
    attribute below names), and every action gets the export files of all of std (they
    are only read, and std rarely changes);
  - named or dependency: packages of the main repository are named (gc's -gcflags reach
    them, as `go build ./...`), those of external repositories are dependencies.
"""

load("//tools/heapmap:defs.bzl", "HeapmapInfo", "heapmap_package_action")
load("@io_bazel_rules_go//go:def.bzl", "GoArchive")

def _heapmap_go_aspect_impl(target, ctx):
    if GoArchive not in target:
        return []
    data = target[GoArchive].data
    deps = []
    for attr in ("deps", "embed"):
        for d in getattr(ctx.rule.attr, attr, []):
            if HeapmapInfo in d:
                deps.append(d[HeapmapInfo])
    deps.append(ctx.attr._std[HeapmapInfo])
    srcs = [f for f in data.srcs if f.extension == "go"]
    info = heapmap_package_action(
        ctx,
        ctx.executable._heapmap,
        "-m",
        data.importpath,
        srcs,
        target.label.workspace_name != "",
        deps,
    )
    return [info, OutputGroupInfo(heapmap = depset([info.artifact]))]

heapmap_go_aspect = aspect(
    implementation = _heapmap_go_aspect_impl,
    attr_aspects = ["deps", "embed"],
    attrs = {
        "_heapmap": attr.label(
            default = Label("//tools/heapmap:heapmap"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
        # A heapmap_group target (../defs.bzl): the HeapmapInfo of all of std.
        "_std": attr.label(default = Label("//third_party/gostd:all")),
    },
)
