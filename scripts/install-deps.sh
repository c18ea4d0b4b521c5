#!/usr/bin/env bash
# scripts/install-deps.sh — install what heapmap needs to build and test (Debian 12, root).
#
# Build: cmake, ninja, g++, oneTBB, Abseil, protobuf, GoogleTest, Google Benchmark,
# jemalloc (the heapmap binary's allocator), zlib (pprof profiles are gzipped), SQLite
# (scan databases: heapmap scan, history, diff) and its shell (tests read databases with it).
# Fuzzing: clang and its libFuzzer/sanitizer runtime.
# Tests only: @microsoft/sarif-multitool-linux from npm (validates report -format sarif);
# chromium and puppeteer-core from npm (the dashboard's browser tests).
# The dashboard's chart libraries: node-d3 and libjs-chart.js (heapmap dashboard copies
# their browser bundles into its output).
# Bazel integration (bazel/): bazel-bootstrap (Bazel 4.2.3, offline) runs the rules, and
# nginx-light (its WebDAV module) is the remote cache the tests start on loopback.
# Tests and benchmarks only (heapmap itself never runs Go): golang-1.19-go (its source
# tree is the default input) and the third-party corpus of ../shared/oracle/corpus-a.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
packages=(
  build-essential cmake ninja-build pkg-config python3 time
  libtbb-dev libabsl-dev libprotobuf-dev protobuf-compiler libgmp-dev libmpfr-dev libssl-dev zlib1g-dev
  libjemalloc-dev libsqlite3-dev sqlite3
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  golang-1.19-go
  node-d3 libjs-chart.js chromium
  bazel-bootstrap nginx-light
)
# The SARIF validator for tests/report_sarif.sh (npm's registry is reachable where Debian's
# mirror is); its path is what the test reads by default.
sarif_dir=/opt/heapmap-tools
sarif_tool=$sarif_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
install_sarif() {
  if [ -x "$sarif_tool" ]; then return; fi
  # The machine's Node.js and npm when it has them (they may not be Debian's); else Debian's.
  if ! command -v npm >/dev/null; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends npm
  fi
  echo "install-deps: installing @microsoft/sarif-multitool-linux into $sarif_dir"
  $SUDO mkdir -p "$sarif_dir"
  $SUDO npm install --prefix "$sarif_dir" --no-audit --no-fund @microsoft/sarif-multitool-linux
  $SUDO chmod u+x,go+rx "$sarif_tool"  # its postinstall step, which npm may not run
}
# puppeteer-core drives the system's chromium in tests/dashboard_test.js; 22.15 runs on the
# Node.js of Debian 12 (18) and later.
install_puppeteer() {
  if [ -f "$sarif_dir/node_modules/puppeteer-core/package.json" ] &&
     grep -q '"version": "22.15.0"' "$sarif_dir/node_modules/puppeteer-core/package.json"; then
    return
  fi
  echo "install-deps: installing puppeteer-core into $sarif_dir"
  $SUDO mkdir -p "$sarif_dir"
  $SUDO npm install --prefix "$sarif_dir" --no-audit --no-fund puppeteer-core@22.15.0
}
# The corpus list lives beside the project (../shared/oracle) when it is there; a copy of
# its package names is kept in tests/corpus-a.txt for machines without it.
corpus="$here/../tests/corpus-a.txt"
if [ -f "$here/../../shared/oracle/corpus-a.txt" ]; then corpus="$here/../../shared/oracle/corpus-a.txt"; fi
mapfile -t corpus_packages < <(grep -v '^#' "$corpus" | grep -v '^$')

missing=()
for p in "${packages[@]}" "${corpus_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  install_sarif
  install_puppeteer
  echo "install-deps: everything is installed"
  exit 0
fi
echo "install-deps: installing ${#missing[@]} packages"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
install_sarif
install_puppeteer
